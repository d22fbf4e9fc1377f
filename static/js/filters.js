// The catalogue's filter panel. Without this script it is a plain <details> with a GET
// form. With it: on a desktop the panel stays open (and its "Filtra" toggle is hidden by
// the stylesheet), and a changed checkbox applies at once, as the page announces.
const panel = document.querySelector('[data-filter-panel]');
const form = document.querySelector('[data-filter-form]');
const desktop = window.matchMedia('(min-width: 992px)');

function arrange() {
  if (!panel) return;
  if (desktop.matches) panel.open = true;
  panel.classList.toggle('tsf-filter-panel-fixed', desktop.matches);
  const note = form && form.querySelector('[data-filter-auto]');
  if (note) note.hidden = !desktop.matches;
}

if (panel && form) {
  arrange();
  desktop.addEventListener('change', arrange);
  form.addEventListener('change', (event) => {
    if (desktop.matches && event.target.type === 'checkbox') form.requestSubmit();
  });
}
