// Canned replies on the ticket work page: choosing one puts its text (already filled in for this
// ticket by the server) into the message box; text already typed is kept above it.
document.addEventListener("change", (event) => {
  const select = event.target.closest(".tk-canned-select");
  if (!select) return;
  const option = select.selectedOptions[0];
  const box = document.getElementById(select.dataset.target);
  if (!option || !option.value || !box) return;
  const text = option.dataset.text || "";
  const typed = box.value.trimEnd();
  box.value = typed ? typed + "\n\n" + text : text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  box.focus();
  select.value = "";
});
