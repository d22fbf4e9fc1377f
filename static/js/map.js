// "Mostra mappa": loads the vendored Leaflet and the tiles only after the click.
// Places come from a json_script block (id "map-places"); the list of places on the
// page is the accessible version and works without this script.
function loadOnce(tag, attributes) {
  return new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
    element.addEventListener('load', resolve);
    element.addEventListener('error', reject);
    document.head.appendChild(element);
  });
}

function showMap(widget, places) {
  const canvas = widget.querySelector('[data-map-canvas]');
  canvas.hidden = false;
  const L = window.L;
  const map = L.map(canvas);
  L.tileLayer(widget.dataset.tileUrl, {
    attribution: widget.dataset.tileAttribution,
    maxZoom: 19,
  }).addTo(map);
  // Leaflet guesses its images' folder from the page address (/mappa/marker-icon.png,
  // a 404); the site gives their static addresses instead.
  const icon = L.icon({
    iconUrl: widget.dataset.markerIcon,
    iconRetinaUrl: widget.dataset.markerIcon2x,
    shadowUrl: widget.dataset.markerShadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41],
  });
  const markers = places.map((place) => {
    const marker = L.marker([place.lat, place.lon], { title: place.name, alt: place.name, icon });
    const popup = document.createElement('div');
    const name = document.createElement(place.url ? 'a' : 'strong');
    name.textContent = place.project ? `${place.project} – ${place.name}` : place.name;
    if (place.url) name.href = place.url;
    popup.appendChild(name);
    if (place.address) {
      popup.appendChild(document.createElement('br'));
      popup.appendChild(document.createTextNode(place.address));
    }
    marker.bindPopup(popup);
    return marker.addTo(map);
  });
  map.fitBounds(L.featureGroup(markers).getBounds(), { maxZoom: 16, padding: [24, 24] });
}

const data = document.getElementById('map-places');
const widget = document.querySelector('[data-map-widget]');
if (data && widget) {
  const places = JSON.parse(data.textContent);
  const button = widget.querySelector('[data-map-button]');
  if (places.length) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await Promise.all([
          loadOnce('link', { rel: 'stylesheet', href: widget.dataset.leafletCss }),
          loadOnce('script', { src: widget.dataset.leafletJs }),
        ]);
        showMap(widget, places);
        button.hidden = true;
      } catch (error) {
        button.disabled = false;
      }
    });
  }
}
