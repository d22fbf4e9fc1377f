/* The door page (templates/events/staff/checkin.html): one tap checks a person in or
 * undoes it, the search narrows the list as you type, the counters refresh by themselves,
 * "Scansiona" reads the QR code with the camera, and taps made without network wait on
 * the phone ("in attesa di invio") until it comes back.
 *
 * Without JavaScript the page still works: the search is a GET form and each button is a
 * POST form that redirects back. No inline code (CSP script-src 'self').
 */
(function () {
  "use strict";

  var QR_PATH = /\/accoglienza\/ingresso\/([^/?#]+)\/?$/;

  /* The same words as events.models.search_words: no accents, no apostrophes. */
  function searchWords(text) {
    return (text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['\u2018\u2019\u02bc`\u00b4]/g, "")
      .replace(/[^0-9a-z\u00df-\u024f]+/g, " ")
      .split(" ")
      .filter(Boolean);
  }

  function setCounts(root, counts) {
    Object.keys(counts).forEach(function (key) {
      Array.prototype.forEach.call(root.querySelectorAll('[data-count="' + key + '"]'), function (el) {
        el.textContent = counts[key] === null ? "—" : counts[key];
      });
    });
    var over = root.querySelector("[data-over]");
    if (over) {
      over.hidden = !counts.over_capacity;
    }
  }

  function renderRow(row, checkedIn, note) {
    row.classList.toggle("is-in", checkedIn);
    var status = row.querySelector("[data-status-text]");
    var button = row.querySelector("button[name=action]");
    if (status) {
      status.textContent = note || (checkedIn ? "Presente" : "Non ancora entrato/a");
    }
    if (button) {
      button.value = checkedIn ? "out" : "in";
      button.textContent = checkedIn ? "Annulla entrata" : "Fai entrare";
      button.classList.toggle("tsf-door-in", !checkedIn);
      button.classList.toggle("tsf-door-undo", checkedIn);
    }
  }

  function inNote(time, by) {
    return "Presente dalle " + time + (by ? " (da " + by + ")" : "");
  }

  /* Taps waiting for the network, kept on the phone so a reload does not lose them. */
  function Queue(eventId) {
    var key = "tsf-door-queue-" + eventId;
    function read() {
      try {
        return JSON.parse(window.localStorage.getItem(key) || "[]");
      } catch (error) {
        return [];
      }
    }
    function write(items) {
      try {
        window.localStorage.setItem(key, JSON.stringify(items));
      } catch (error) { /* private mode: the queue lives as long as the page */ }
    }
    var memory = read();
    return {
      items: function () { return memory.slice(); },
      add: function (item) {
        // A later tap on the same person replaces the one still waiting.
        memory = memory.filter(function (old) { return old.id !== item.id; });
        memory.push(item);
        write(memory);
      },
      remove: function (id) {
        memory = memory.filter(function (old) { return old.id !== id; });
        write(memory);
      },
      has: function (id) {
        return memory.some(function (item) { return item.id === id; });
      }
    };
  }

  function startDoor(door) {
    var list = document.getElementById("door-list");
    var search = document.getElementById("door-q");
    var noMatch = document.getElementById("door-no-match");
    var offline = document.getElementById("door-offline");
    var queue = Queue(door.getAttribute("data-event"));
    var busy = {};
    var flushing = false;

    function rowOf(id) {
      return document.getElementById("r-" + id);
    }

    function showQueueState() {
      var waiting = queue.items().length;
      if (!offline) {
        return;
      }
      if (waiting) {
        offline.hidden = false;
        offline.textContent = (navigator.onLine ? "Invio in corso: " : "Senza rete: ") +
          waiting + (waiting === 1 ? " entrata in attesa di invio." : " entrate in attesa di invio.");
      } else if (!navigator.onLine) {
        offline.hidden = false;
        offline.textContent = "Senza rete: le entrate restano sul telefono e partono quando torna la connessione.";
      } else {
        offline.hidden = true;
        offline.textContent = "";
      }
    }

    function bump(delta) {
      Array.prototype.forEach.call(door.querySelectorAll('[data-count="checked_in"]'), function (el) {
        el.textContent = Math.max(0, (parseInt(el.textContent, 10) || 0) + delta);
      });
    }

    function send(item) {
      var data = new FormData();
      data.set("csrfmiddlewaretoken", item.csrf);
      data.set("action", item.action);
      data.set("at", String(item.at));
      return fetch(item.url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          // The login page (session over) or a proxy's error: keep the tap for later.
          throw new Error("not-json");
        }
        return response.json().then(function (payload) {
          return { ok: response.ok, payload: payload };
        });
      });
    }

    function applyAnswer(row, item, answer) {
      var payload = answer.payload;
      if (!answer.ok) {
        renderRow(row, false, payload.error || "Non registrato");
        return;
      }
      var note = "";
      if (payload.checked_in) {
        note = inNote(payload.checked_in_at, payload.by);
        if (!payload.changed && item.action === "in") {
          note = "Già entrato/a alle " + payload.checked_in_at + (payload.by ? " (da " + payload.by + ")" : "");
        }
      }
      renderRow(row, payload.checked_in, note);
      if (payload.counts) {
        setCounts(door, payload.counts);
      }
    }

    function flush() {
      if (flushing || !navigator.onLine) {
        showQueueState();
        return Promise.resolve();
      }
      var items = queue.items();
      if (!items.length) {
        showQueueState();
        return Promise.resolve();
      }
      flushing = true;
      showQueueState();
      var chain = Promise.resolve();
      items.forEach(function (item) {
        chain = chain.then(function () {
          return send(item).then(function (answer) {
            queue.remove(item.id);
            var row = rowOf(item.id);
            if (row) {
              row.classList.remove("is-pending");
              applyAnswer(row, item, answer);
            }
          });
        });
      });
      return chain
        .catch(function () { /* still no network: the rest waits for the next try */ })
        .then(function () {
          flushing = false;
          showQueueState();
        });
    }

    function queueTap(row, form, action) {
      var id = row.getAttribute("data-id");
      var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
      queue.add({
        id: id,
        action: action,
        at: Date.now(),
        url: form.getAttribute("action"),
        csrf: csrf ? csrf.value : ""
      });
      row.classList.add("is-pending");
      renderRow(row, action === "in", action === "in" ? "Entrata in attesa di invio" : "Annullamento in attesa di invio");
      bump(action === "in" ? 1 : -1);
      showQueueState();
    }

    list.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.classList.contains("tsf-door-form")) {
        return;
      }
      event.preventDefault();
      var row = form.closest("li");
      var button = form.querySelector("button[name=action]");
      var id = row.getAttribute("data-id");
      var action = button.value;
      if (busy[id]) {
        return;
      }
      if (!navigator.onLine || queue.has(id)) {
        queueTap(row, form, action);
        return;
      }
      busy[id] = true;
      button.disabled = true;
      var item = {
        id: id,
        action: action,
        at: Date.now(),
        url: form.getAttribute("action"),
        csrf: form.querySelector("input[name=csrfmiddlewaretoken]").value
      };
      send(item)
        .then(function (answer) {
          applyAnswer(row, item, answer);
        })
        .catch(function () {
          // No answer (the network dropped): the tap waits on the phone.
          queueTap(row, form, action);
        })
        .then(function () {
          busy[id] = false;
          button.disabled = false;
        });
    });

    function filter(needle) {
      var words = searchWords(needle);
      var shown = 0;
      Array.prototype.forEach.call(list.querySelectorAll("li[data-name]"), function (row) {
        var name = row.getAttribute("data-name");
        var match = words.every(function (word) { return name.indexOf(word) !== -1; });
        // Those waiting or cancelled appear only when searched for.
        if (!words.length && row.getAttribute("data-status") !== "confirmed") {
          match = false;
        }
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      if (noMatch) {
        noMatch.hidden = shown !== 0 || !list.querySelector("li[data-name]");
      }
    }

    if (search) {
      search.addEventListener("input", function () {
        filter(search.value);
      });
    }

    /* A scanned code: the person's row on this page when they are confirmed here
     * (works without network too); otherwise their card, which tells why not. */
    function openCode(text) {
      var path = text;
      try {
        path = new URL(text, window.location.href).pathname;
      } catch (error) { /* not a URL: try it as it is */ }
      var match = QR_PATH.exec(path);
      if (!match) {
        return { found: false, message: "Questo codice non è un codice d'ingresso del sito." };
      }
      var code = decodeURIComponent(match[1]);
      var form = null;
      Array.prototype.forEach.call(list.querySelectorAll("form[data-code]"), function (candidate) {
        if (candidate.getAttribute("data-code") === code) {
          form = candidate;
        }
      });
      if (form) {
        var row = form.closest("li");
        Array.prototype.forEach.call(list.querySelectorAll("li.is-highlighted"), function (old) {
          old.classList.remove("is-highlighted");
        });
        if (search) {
          search.value = "";
        }
        filter("");
        Array.prototype.forEach.call(list.querySelectorAll("li[data-name]"), function (other) {
          other.hidden = other !== row;
        });
        row.classList.add("is-highlighted");
        row.scrollIntoView({ block: "center" });
        var button = form.querySelector("button[name=action]");
        if (button) {
          button.focus();
        }
        var name = row.querySelector(".tsf-door-name");
        return { found: true, message: "Trovato/a: " + (name ? name.textContent : "") + (row.classList.contains("is-in") ? " (già entrato/a)" : "") };
      }
      if (navigator.onLine) {
        window.location.href = path.replace(/\/?$/, "/") + "?porta=" + encodeURIComponent(door.getAttribute("data-event"));
        return { found: true, message: "Apro la scheda…" };
      }
      return { found: false, message: "Questa persona non è tra le confermate di questo evento. Senza rete non si può controllare altro." };
    }
    door.openCode = openCode;

    startScanner(door, openCode);

    window.addEventListener("online", flush);
    window.addEventListener("offline", showQueueState);
    flush();

    var seconds = parseInt(door.getAttribute("data-refresh-seconds"), 10) || 0;
    var stateUrl = door.getAttribute("data-state-url");
    if (seconds > 0 && stateUrl) {
      window.setInterval(function () {
        if (document.hidden || !navigator.onLine) {
          return;
        }
        if (queue.items().length) {
          flush();
          return;
        }
        fetch(stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : null;
          })
          .then(function (state) {
            if (!state) {
              return;
            }
            setCounts(door, state.counts);
            var inside = state.checked_in || {};
            Array.prototype.forEach.call(list.querySelectorAll('li[data-status="confirmed"]'), function (row) {
              var id = row.getAttribute("data-id");
              var isIn = Object.prototype.hasOwnProperty.call(inside, id);
              if (!busy[id] && !queue.has(id) && row.classList.contains("is-in") !== isIn) {
                renderRow(row, isIn, isIn ? inNote(inside[id], "") : "");
              }
            });
          })
          .catch(function () { /* offline for a moment: try again at the next tick */ });
      }, seconds * 1000);
    }
  }

  /* "Scansiona": the browser's BarcodeDetector where it exists, else the vendored jsQR,
   * loaded from our own server only when the button is pressed. */
  function startScanner(door, openCode) {
    var box = document.getElementById("door-scan");
    var start = document.getElementById("door-scan-start");
    var stop = document.getElementById("door-scan-stop");
    var camera = document.getElementById("door-camera");
    var video = document.getElementById("door-video");
    var message = document.getElementById("door-scan-message");
    if (!box || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return;
    }
    box.hidden = false;
    var stream = null;
    var timer = null;
    var canvas = document.createElement("canvas");

    function say(text) {
      message.textContent = text;
    }

    function close() {
      if (timer) {
        window.clearTimeout(timer);
        timer = null;
      }
      if (stream) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        stream = null;
      }
      camera.hidden = true;
      start.hidden = false;
    }

    function nativeDetector() {
      if (!("BarcodeDetector" in window)) {
        return Promise.resolve(null);
      }
      return window.BarcodeDetector.getSupportedFormats()
        .then(function (formats) {
          if (formats.indexOf("qr_code") === -1) {
            return null;
          }
          var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          return function (source) {
            return detector.detect(source).then(function (codes) {
              return codes.length ? codes[0].rawValue : null;
            });
          };
        })
        .catch(function () { return null; });
    }

    function jsqrDetector() {
      return new Promise(function (resolve, reject) {
        if (window.jsQR) {
          resolve();
          return;
        }
        var script = document.createElement("script");
        script.src = door.getAttribute("data-jsqr");
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function () {
        return function (source) {
          var width = source.videoWidth;
          var height = source.videoHeight;
          if (!width || !height) {
            return Promise.resolve(null);
          }
          canvas.width = width;
          canvas.height = height;
          var context = canvas.getContext("2d", { willReadFrequently: true });
          context.drawImage(source, 0, 0, width, height);
          var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height, {
            inversionAttempts: "dontInvert"
          });
          return Promise.resolve(found ? found.data : null);
        };
      });
    }

    function loop(detect) {
      if (!stream) {
        return;
      }
      detect(video)
        .then(function (text) {
          if (text) {
            var result = openCode(text);
            say(result.message);
            if (result.found) {
              close();
              return;
            }
          }
          timer = window.setTimeout(function () { loop(detect); }, 200);
        })
        .catch(function () {
          timer = window.setTimeout(function () { loop(detect); }, 400);
        });
    }

    start.addEventListener("click", function () {
      say("Apro la fotocamera…");
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          camera.hidden = false;
          start.hidden = true;
          return video.play();
        })
        .then(nativeDetector)
        .then(function (detect) {
          return detect || jsqrDetector();
        })
        .then(function (detect) {
          say("Inquadra il codice QR della persona.");
          loop(detect);
        })
        .catch(function () {
          close();
          say("La fotocamera non è disponibile: controlla il permesso del browser, oppure cerca per nome.");
        });
    });
    stop.addEventListener("click", function () {
      close();
      say("");
    });
  }

  function start() {
    var door = document.getElementById("door");
    if (door) {
      startDoor(door);
    }
    var walkIn = document.getElementById("door-walk-in-form");
    if (walkIn) {
      walkIn.addEventListener("submit", function (event) {
        if (!navigator.onLine) {
          // Adding a person needs the server (it counts the places): keep what was typed.
          event.preventDefault();
          var note = document.getElementById("door-offline");
          if (note) {
            note.hidden = false;
            note.textContent = "Senza rete non si possono aggiungere persone: riprova quando torna la connessione (i dati scritti restano).";
          }
        }
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
