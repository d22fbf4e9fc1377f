/* The door page (templates/staff/checkin.html): one tap checks a person in or undoes it,
 * the search narrows the list as you type, the counters refresh by themselves.
 *
 * Without JavaScript the page still works: the search is a GET form and each button is a
 * POST form that redirects back. No inline code (CSP script-src 'self').
 */
(function () {
  "use strict";

  function setCounts(root, counts) {
    Object.keys(counts).forEach(function (key) {
      Array.prototype.forEach.call(root.querySelectorAll('[data-count="' + key + '"]'), function (el) {
        el.textContent = counts[key];
      });
    });
  }

  function renderRow(row, checkedIn, time) {
    row.classList.toggle("is-in", checkedIn);
    var status = row.querySelector("[data-status]");
    var button = row.querySelector("button[name=action]");
    if (status) {
      status.textContent = checkedIn ? "Presente" + (time ? " dalle " + time : "") : "Non ancora entrato/a";
    }
    if (button) {
      button.value = checkedIn ? "out" : "in";
      button.textContent = checkedIn ? "Annulla entrata" : "Fai entrare";
      button.classList.toggle("tsf-door-in", !checkedIn);
      button.classList.toggle("tsf-door-undo", checkedIn);
    }
  }

  function startDoor(door) {
    var list = document.getElementById("door-list");
    var search = document.getElementById("door-q");
    var noMatch = document.getElementById("door-no-match");
    var busy = {};

    list.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.classList.contains("tsf-door-form")) {
        return;
      }
      event.preventDefault();
      var row = form.closest("li");
      var button = form.querySelector("button[name=action]");
      var id = row.getAttribute("data-id");
      if (busy[id]) {
        return;
      }
      busy[id] = true;
      button.disabled = true;
      var data = new FormData(form);
      data.set("action", button.value);
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (payload) {
          renderRow(row, payload.checked_in, payload.checked_in_at);
          setCounts(door, payload.counts);
        })
        .catch(function () {
          form.submit();  // fall back to the plain form: the server answers with the page
        })
        .finally(function () {
          busy[id] = false;
          button.disabled = false;
        });
    });

    if (search) {
      search.addEventListener("input", function () {
        var needle = search.value.trim().toLowerCase();
        var shown = 0;
        Array.prototype.forEach.call(list.querySelectorAll("li[data-name]"), function (row) {
          var match = !needle || row.getAttribute("data-name").indexOf(needle) !== -1;
          row.hidden = !match;
          shown += match ? 1 : 0;
        });
        if (noMatch) {
          noMatch.hidden = shown !== 0 || !list.querySelector("li[data-name]");
        }
      });
    }

    var seconds = parseInt(door.getAttribute("data-refresh-seconds"), 10) || 0;
    var stateUrl = door.getAttribute("data-state-url");
    if (seconds > 0 && stateUrl) {
      window.setInterval(function () {
        if (document.hidden) {
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
            var inside = {};
            state.checked_in.forEach(function (id) {
              inside[String(id)] = true;
            });
            Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (row) {
              var id = row.getAttribute("data-id");
              var isIn = Boolean(inside[id]);
              if (!busy[id] && row.classList.contains("is-in") !== isIn) {
                renderRow(row, isIn, "");
              }
            });
          })
          .catch(function () { /* offline for a moment: try again at the next tick */ });
      }, seconds * 1000);
    }
  }

  function start() {
    var door = document.getElementById("door");
    if (door) {
      startDoor(door);
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
