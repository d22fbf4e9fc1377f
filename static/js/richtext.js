/* A small visual editor for the admin's rich-text fields (textarea.tsf-richtext).
 *
 * Editors write with buttons (titles, bold, italic, lists, links) and never see markup.
 * The textarea stays in the form, hidden, and receives the HTML on every change; the
 * server cleans it again on save (torino_social_factory/richtext.py), so this file is a
 * convenience, not a guard. No dependencies, no inline code: it runs under the site's
 * Content-Security-Policy (script-src 'self').
 */
(function () {
  "use strict";

  var ALLOWED = {
    P: [], BR: [], H2: [], H3: [], H4: [], UL: [], OL: [], LI: [], STRONG: [], EM: [],
    B: [], I: [], A: ["href", "title"], BLOCKQUOTE: [], CODE: [], ABBR: ["title"]
  };
  var SAFE_URL = /^(https?:|mailto:|tel:|\/|#)/i;

  var BUTTONS = [
    { label: "Titolo", title: "Titolo di sezione", command: "formatBlock", value: "h2" },
    { label: "Sottotitolo", title: "Titolo più piccolo", command: "formatBlock", value: "h3" },
    { label: "Paragrafo", title: "Testo normale", command: "formatBlock", value: "p" },
    { label: "G", title: "Grassetto", command: "bold", cls: "tsf-rt-bold" },
    { label: "C", title: "Corsivo", command: "italic", cls: "tsf-rt-italic" },
    { label: "• Elenco", title: "Elenco puntato", command: "insertUnorderedList" },
    { label: "1. Elenco", title: "Elenco numerato", command: "insertOrderedList" },
    { label: "Link", title: "Trasforma il testo selezionato in un link", command: "createLink" },
    { label: "Togli link", title: "Togli il link dal testo selezionato", command: "unlink" },
    { label: "Pulisci", title: "Togli grassetto e corsivo dal testo selezionato", command: "removeFormat" }
  ];

  /* Keep only the tags and attributes the site styles (mirrors richtext.py). */
  function cleanNode(node, doc) {
    var out = doc.createDocumentFragment();
    Array.prototype.forEach.call(node.childNodes, function (child) {
      if (child.nodeType === 3) {
        out.appendChild(doc.createTextNode(child.nodeValue));
        return;
      }
      if (child.nodeType !== 1) {
        return;
      }
      var tag = child.tagName.toUpperCase();
      if (tag === "SCRIPT" || tag === "STYLE" || tag === "TEMPLATE") {
        return;
      }
      if (tag === "DIV") {
        tag = "P";
      }
      var inner = cleanNode(child, doc);
      if (!Object.prototype.hasOwnProperty.call(ALLOWED, tag)) {
        out.appendChild(inner);
        return;
      }
      var element = doc.createElement(tag);
      ALLOWED[tag].forEach(function (name) {
        var value = child.getAttribute(name);
        if (value === null) {
          return;
        }
        if (name === "href" && !SAFE_URL.test(value.trim())) {
          return;
        }
        element.setAttribute(name, value);
      });
      element.appendChild(inner);
      out.appendChild(element);
    });
    return out;
  }

  function sanitise(html) {
    var template = document.createElement("template");
    template.innerHTML = html;  // a template's content is inert: nothing runs or loads
    var holder = document.createElement("div");
    holder.appendChild(cleanNode(template.content, document));
    return holder.innerHTML;
  }

  function serialise(editor) {
    if (!editor.textContent.trim()) {
      return "";
    }
    return sanitise(editor.innerHTML);
  }

  function enhance(textarea) {
    if (textarea.dataset.richtextReady || textarea.name.indexOf("__prefix__") !== -1) {
      return;
    }
    textarea.dataset.richtextReady = "1";

    var wrapper = document.createElement("div");
    wrapper.className = "tsf-rt";
    var toolbar = document.createElement("div");
    toolbar.className = "tsf-rt-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Formattazione del testo");
    toolbar.setAttribute("aria-controls", textarea.id + "-editor");

    var editor = document.createElement("div");
    editor.className = "tsf-rt-editor";
    editor.id = textarea.id + "-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      if (!label.id) {
        label.id = textarea.id + "-label";
      }
      editor.setAttribute("aria-labelledby", label.id);
    }
    if (textarea.getAttribute("aria-describedby")) {
      editor.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    }
    editor.appendChild(cleanNode(sanitiseToTemplate(textarea.value), document));

    function sync() {
      textarea.value = serialise(editor);
    }

    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec.label;
      button.title = spec.title;
      button.setAttribute("aria-label", spec.title);
      if (spec.cls) {
        button.className = spec.cls;
      }
      button.addEventListener("mousedown", function (event) {
        event.preventDefault();  // keep the selection in the editor
      });
      button.addEventListener("click", function () {
        editor.focus();
        if (spec.command === "createLink") {
          var url = window.prompt("Indirizzo del link (https://…, mailto:… o tel:…)", "https://");
          if (!url || url === "https://") {
            return;
          }
          url = url.trim();
          if (!SAFE_URL.test(url)) {
            window.alert("Il link deve iniziare con https://, http://, mailto: o tel:");
            return;
          }
          document.execCommand("createLink", false, url);
        } else {
          document.execCommand(spec.command, false, spec.value ? "<" + spec.value + ">" : null);
        }
        sync();
      });
      toolbar.appendChild(button);
    });

    editor.addEventListener("input", sync);
    editor.addEventListener("blur", sync);
    editor.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) {
        return;
      }
      event.preventDefault();
      var html = data.getData("text/html");
      if (html) {
        document.execCommand("insertHTML", false, sanitise(html));
      } else {
        document.execCommand("insertText", false, data.getData("text/plain"));
      }
      sync();
    });
    if (textarea.form) {
      textarea.form.addEventListener("submit", sync);
    }

    // The hidden textarea cannot show the browser's "required" bubble; the server says it.
    textarea.removeAttribute("required");
    textarea.hidden = true;
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(editor);
    wrapper.appendChild(textarea);
  }

  function sanitiseToTemplate(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    return template.content;
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll("textarea.tsf-richtext"), enhance);
  }

  function start() {
    try {
      document.execCommand("defaultParagraphSeparator", false, "p");
    } catch (error) {
      /* older browsers: they use <div>, which sanitise() turns into <p> */
    }
    enhanceAll(document);
    // Django's admin announces rows added to an inline formset.
    document.addEventListener("formset:added", function (event) {
      enhanceAll(event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
