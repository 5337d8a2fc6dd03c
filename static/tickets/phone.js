// The phone desk's opening form: only the chosen product's routines and versions are offered
// (each option names its product in data-product). Without this script every option is listed
// with its product's name, and the server checks the choice either way.
document.addEventListener("DOMContentLoaded", () => {
  const product = document.getElementById("id_product");
  if (!product) return;
  const dependents = ["id_routine", "id_version"].map((id) => document.getElementById(id)).filter(Boolean);
  const sync = () => {
    for (const select of dependents) {
      for (const option of select.options) {
        if (!option.dataset.product) continue;
        const fits = !product.value || option.dataset.product === product.value;
        option.hidden = !fits;
        option.disabled = !fits;
        if (!fits && option.selected) select.value = "";
      }
    }
  };
  product.addEventListener("change", sync);
  sync();
});
