// "Mostra mappa" on an event page: the vendored Leaflet and the map tiles are fetched
// only after the visitor presses the button (no third-party request on page load).
// The venue comes from a json_script block (id "event-venue"); the address printed in
// the page's <address> is the accessible version and works without this script.
function loadOnce(tag, attributes) {
  return new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
    element.addEventListener('load', resolve);
    element.addEventListener('error', reject);
    document.head.appendChild(element);
  });
}

function showMap(widget, venue) {
  const canvas = widget.querySelector('[data-map-canvas]');
  canvas.hidden = false;
  const L = window.L;
  const map = L.map(canvas).setView([venue.lat, venue.lon], 16);
  L.tileLayer(widget.dataset.tileUrl, {
    attribution: widget.dataset.tileAttribution,
    maxZoom: 19,
  }).addTo(map);
  const popup = document.createElement('div');
  const name = document.createElement('strong');
  name.textContent = venue.name;
  popup.append(name, document.createElement('br'), document.createTextNode(venue.address));
  L.marker([venue.lat, venue.lon], { title: venue.name, alt: venue.name })
    .addTo(map)
    .bindPopup(popup);
}

const data = document.getElementById('event-venue');
const widget = document.querySelector('[data-event-map]');
if (data && widget) {
  const venue = JSON.parse(data.textContent);
  const button = widget.querySelector('[data-map-button]');
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await Promise.all([
        loadOnce('link', { rel: 'stylesheet', href: widget.dataset.leafletCss }),
        loadOnce('script', { src: widget.dataset.leafletJs }),
      ]);
      showMap(widget, venue);
      button.hidden = true;
    } catch (error) {
      button.disabled = false;
    }
  });
}
