/* The chat's live page (CHN-3): WebSocket to /ws/chat/<id>/, reconnect with backoff, no inline
   scripts (CSP): everything comes from the #chat element's data attributes. Without this script the
   page still reads (server-rendered transcript) and every form posts normally. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  if (!root || !("WebSocket" in window)) { return; }
  var data = root.dataset;
  var transcript = document.getElementById("chat-transcript");
  var connection = document.getElementById("chat-connection");
  var composer = document.getElementById("chat-composer");
  var upload = document.getElementById("chat-upload");
  var errorBox = document.getElementById("chat-error");
  var socket = null;
  var attempts = 0;
  var everOpen = false;
  var stopped = false;

  function scrollDown() { transcript.scrollTop = transcript.scrollHeight; }

  function setConnection(state, text) {
    connection.hidden = false;
    connection.className = "chat-connection small is-" + state;
    connection.textContent = text;
    root.dataset.connection = state;
  }

  function showError(text) {
    if (!errorBox) { return; }
    errorBox.textContent = text || "";
    errorBox.hidden = !text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function addEntry(event) {
    var key = event.kind + "-" + event.id;
    if (transcript.querySelector('[data-id="' + key + '"]')) { return; }
    var item = el("li", "chat-entry chat-" + event.side + (event.side === data.side ? " chat-mine" : ""));
    item.dataset.kind = event.kind;
    item.dataset.id = key;
    var bubble = el("div", "chat-bubble");
    var meta = el("div", "chat-meta");
    meta.appendChild(el("span", "chat-author", event.author));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("time", "chat-time", event.at));
    bubble.appendChild(meta);
    var body = el("div", "chat-text");
    if (event.kind === "file") {
      var link = el("a", "chat-file-link", event.name);
      link.href = event.url;
      body.appendChild(el("i", "bi bi-paperclip"));
      body.appendChild(document.createTextNode(" "));
      body.appendChild(link);
      body.appendChild(document.createTextNode(" "));
      body.appendChild(el("span", "small text-body-secondary", "(" + event.size + ")"));
    } else {
      body.textContent = event.text;  /* text, never HTML; line breaks kept by CSS */
      body.style.whiteSpace = "pre-wrap";
    }
    bubble.appendChild(body);
    item.appendChild(bubble);
    transcript.appendChild(item);
    scrollDown();
  }

  function showStatus(event) {
    var badge = document.getElementById("chat-status-badge");
    badge.textContent = event.label;
    badge.className = "badge chat-status chat-status-" + event.status;
    document.getElementById("chat-status-text").textContent = event.text;
    root.dataset.status = event.status;
    if (event.status !== data.previousStatus && (event.status === "closed" || data.side === "staff")) {
      /* The actions offered change with the status: the page knows them best. */
      window.setTimeout(function () { window.location.reload(); }, 600);
    }
    data.previousStatus = event.status;
  }

  function showTicket(event) {
    var box = document.getElementById("chat-ticket");
    document.getElementById("chat-ticket-text").textContent = event.text;
    document.getElementById("chat-ticket-link").href = data.side === "staff" ? event.staff_url : event.client_url;
    box.classList.remove("d-none");
  }

  function refreshTranscript() {
    /* After a reconnection: what was said meanwhile, from the server-rendered page. */
    fetch(window.location.href, { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (!html) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("chat-transcript");
      if (fresh) { transcript.innerHTML = fresh.innerHTML; scrollDown(); }
    }).catch(function () {});
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    setConnection(everOpen ? "reconnecting" : "connecting", everOpen ? data.textReconnecting : data.textConnecting);
    socket = new WebSocket(scheme + window.location.host + data.wsPath);
    socket.onopen = function () {
      if (everOpen) { refreshTranscript(); }
      everOpen = true;
      attempts = 0;
      setConnection("online", data.textOnline);
    };
    socket.onmessage = function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      if (event.kind === "message" || event.kind === "file") { addEntry(event); }
      else if (event.kind === "status") { showStatus(event); }
      else if (event.kind === "ticket") { showTicket(event); }
      else if (event.kind === "error") { showError(event.text); }
    };
    socket.onclose = function (close) {
      socket = null;
      if (stopped) { return; }
      if (close.code === 4403) {
        stopped = true;
        setConnection("refused", data.textRefused);
        return;
      }
      attempts += 1;
      var delay = Math.min(30000, 1000 * Math.pow(2, attempts - 1)) + Math.floor(Math.random() * 500);
      setConnection("reconnecting", data.textReconnecting);
      window.setTimeout(connect, delay);
    };
  }

  if (composer) {
    var textarea = composer.querySelector("textarea");
    composer.addEventListener("submit", function (event) {
      var text = textarea.value.trim();
      if (!socket || socket.readyState !== WebSocket.OPEN) { return; }  /* a normal POST instead */
      event.preventDefault();
      if (!text) { return; }
      socket.send(JSON.stringify({ type: "message", text: text }));
      textarea.value = "";
      showError("");
      textarea.focus();
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
  }

  if (upload) {
    var status = document.getElementById("chat-upload-status");
    upload.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) { return; }
      event.preventDefault();
      status.className = "small ms-2";
      status.textContent = data.textSending;
      fetch(upload.action, {
        method: "POST",
        body: new FormData(upload),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (result.ok) {
          status.className = "small ms-2 text-success";
          status.textContent = data.textFileSent;
          upload.reset();
        } else {
          status.className = "small ms-2 text-danger";
          status.textContent = result.body.error || "";
        }
      }).catch(function () { upload.submit(); });
    });
  }

  data.previousStatus = data.status;
  scrollDown();
  if (data.status !== "closed") { connect(); }
})();
