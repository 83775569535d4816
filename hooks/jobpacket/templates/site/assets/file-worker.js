/* jobpacket: lets Material's search run when the site is opened from file://.
 *
 * Browsers refuse `new Worker()` for pages opened from the file system, so there the worker
 * script runs in a hidden same-origin iframe instead and messages are passed by hand. Only
 * local files are loaded. Over http(s) this does nothing.
 */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") {
    return;
  }

  function load(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      (doc.head || doc.documentElement).appendChild(script);
    });
  }

  function FileWorker(url) {
    var worker = this;
    var queue = [];
    var ready = false;
    this.onmessage = null;
    this.onerror = null;
    this._listeners = {};

    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;

    function deliver(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    // The worker's side of the channel.
    scope.postMessage = function (data) {
      setTimeout(function () { worker._emit("message", { data: data }); }, 0);
    };
    scope.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (chain, src) {
        return chain.then(function () { return load(scope.document, src); });
      }, Promise.resolve());
    };

    this.postMessage = function (data) {
      if (ready) {
        setTimeout(function () { deliver(data); }, 0);
      } else {
        queue.push(data);
      }
    };
    this.terminate = function () {
      frame.remove();
    };

    load(scope.document, url).then(
      function () {
        ready = true;
        queue.splice(0).forEach(deliver);
      },
      function (error) { worker._emit("error", error); }
    );
  }

  FileWorker.prototype.addEventListener = function (type, listener) {
    (this._listeners[type] = this._listeners[type] || []).push(listener);
  };
  FileWorker.prototype.removeEventListener = function (type, listener) {
    var list = this._listeners[type] || [];
    var at = list.indexOf(listener);
    if (at >= 0) {
      list.splice(at, 1);
    }
  };
  FileWorker.prototype._emit = function (type, event) {
    var handler = this["on" + type];
    if (typeof handler === "function") {
      handler.call(this, event);
    }
    (this._listeners[type] || []).slice().forEach(function (listener) {
      listener.call(this, event);
    }, this);
  };

  window.Worker = FileWorker;
  // Material's search worker looks for this name to find its language files.
  window.IFrameWorker = FileWorker;
})();
