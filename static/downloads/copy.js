// Central de Download: the copy button beside each SHA-256 puts the hash on the clipboard.
document.addEventListener("click", function (event) {
  const button = event.target.closest(".download-copy");
  if (!button) return;
  const target = document.getElementById(button.dataset.copyTarget);
  if (!target) return;
  const text = target.textContent.trim();
  const done = function () {
    button.classList.add("copied");
    button.setAttribute("title", button.dataset.copied);
    setTimeout(function () { button.classList.remove("copied"); }, 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
  } else {
    const range = document.createRange();
    range.selectNodeContents(target);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { document.execCommand("copy"); done(); } catch (e) { /* the hash stays selected */ }
  }
});
