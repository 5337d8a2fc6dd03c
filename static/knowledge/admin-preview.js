// "Pré-visualizar" on the article page: the body rendered by the server as readers will see it.
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".kb-preview-button");
  if (!button) return;
  const source = document.getElementById(button.dataset.source);
  const box = button.parentElement.nextElementSibling;
  const token = document.querySelector("[name=csrfmiddlewaretoken]");
  const body = new FormData();
  body.append("body", source ? source.value : "");
  button.disabled = true;
  try {
    const response = await fetch(button.dataset.url, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": token ? token.value : "" },
      credentials: "same-origin",
    });
    box.innerHTML = response.ok ? await response.text() : "<p class='errornote'>" + response.status + "</p>";
    box.hidden = false;
  } finally {
    button.disabled = false;
  }
});
