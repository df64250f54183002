"""Dutch throughout, gradio's own texts included, and the page's small behaviours.

gradio ships a Dutch translation of its own texts ("Sleep een bestand hier", "Fout") but picks
the language from the browser, so a browser set to English shows English. gradio has no
setting to fix the language; `DutchPage`, an ASGI middleware, puts a script at the top of the
page that makes the browser report Dutch before gradio starts (`PAGE_SCRIPT`). The texts
gradio's translation lacks come from `messages.GRADIO_NL` through `gr.I18n`.

The same script puts gradio's English tooltips and screen-reader labels in Dutch as they
appear (`messages.GRADIO_ATTRIBUTES_NL`), and makes a citation [n] in the conversation scroll
to its source card (and open it when it is folded away) instead of following the link.
"""

from __future__ import annotations

import json

import gradio as gr

from assistant import messages

PAGE_SCRIPT = """<script>
(function () {
  try {
    Object.defineProperty(Navigator.prototype, "language", {get: function () { return "nl-NL"; }});
    Object.defineProperty(Navigator.prototype, "languages",
                          {get: function () { return ["nl-NL", "nl"]; }});
  } catch (e) {}
  var words = __ATTRIBUTES__;
  var prefixes = Object.keys(words).filter(function (k) { return k.slice(-2) === ": "; });
  var names = ["title", "aria-label", "placeholder"];
  function dutch(element) {
    names.forEach(function (name) {
      var value = element.getAttribute && element.getAttribute(name);
      if (!value) return;
      if (words.hasOwnProperty(value)) { element.setAttribute(name, words[value]); return; }
      prefixes.forEach(function (p) {
        if (value.indexOf(p) === 0) element.setAttribute(name, words[p] + value.slice(p.length));
      });
    });
  }
  function sweep(root) {
    if (root.nodeType !== 1) return;
    dutch(root);
    root.querySelectorAll("[title],[aria-label],[placeholder]").forEach(dutch);
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "attributes") dutch(change.target);
      else change.addedNodes.forEach(sweep);
    });
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                        attributeFilter: names});
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#bron-"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    var folded = target.closest("details");
    if (folded) folded.open = true;
    var card = target.closest(".source-card") || target;
    card.scrollIntoView({behavior: "smooth", block: "center"});
    card.classList.remove("flash");
    void card.offsetWidth;
    card.classList.add("flash");
  }, true);
})();
</script>"""

# The sources panel: a click on "toon de passage" asks the server for that source's page.
SOURCES_JS = """
element.addEventListener('click', function (event) {
  var button = event.target.closest('.open-source');
  if (!button) return;
  event.preventDefault();
  trigger('click', {turn: Number(button.dataset.turn), n: Number(button.dataset.n)});
});
"""

# The viewer of a text document: scroll its box to the first marked quote.
VIEWER_JS = """
function scrollToQuote() {
  var box = element.querySelector('.document-text');
  var mark = element.querySelector('mark');
  if (box && mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 80);
}
scrollToQuote();
watch('value', scrollToQuote);
"""


def page_script() -> str:
    """`PAGE_SCRIPT` with the tooltips' Dutch words filled in."""
    return PAGE_SCRIPT.replace("__ATTRIBUTES__", json.dumps(messages.GRADIO_ATTRIBUTES_NL))


def toast_css() -> str:
    """gradio writes a notice's type ("Error") as its title, untranslated: the English word is
    hidden and the Dutch one shown in its place."""
    rules = [
        ".toast-title {visibility: hidden; font-size: 0 !important;}",
        ".toast-title::before {visibility: visible; font-size: var(--text-md);}",
    ]
    rules += [
        f'.toast-title.{kind}::before {{content: "{title}";}}'
        for kind, title in messages.UI_TOAST_TITLES.items()
    ]
    return "\n".join(rules)


def i18n() -> gr.I18n:
    """gradio's texts its own Dutch translation lacks."""
    return gr.I18n(nl=dict(messages.GRADIO_NL))


class DutchPage:
    """ASGI middleware: the HTML page starts with `PAGE_SCRIPT` and says it is Dutch."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        started: dict = {}
        body: list[bytes] = []

        async def rewrite(message) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    started["pass"] = True
                    await send(message)
                    return
                started["message"] = message
                return
            if started.get("pass"):
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(body)
            page = page.replace(b'lang="en"', b'lang="nl"', 1)
            page = page.replace(b"<head>", b"<head>" + page_script().encode(), 1)
            start = started["message"]
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            headers.append((b"content-length", str(len(page)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, rewrite)
