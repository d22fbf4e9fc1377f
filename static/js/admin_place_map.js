// The project admin's place forms: find a place by its address or click on a map to set
// its pin, and see the pin before saving. Everything starts on a click: the address
// service (Nominatim or GEOCODER_URL) and the map tiles are asked by this browser only
// then, and only from this staff page. Without this script the coordinates stay plain
// fields.
const config = document.getElementById('tsf-place-map-config');
const TORINO = [45.0703, 7.6869];
let leaflet;

function loadLeaflet() {
  if (!leaflet) {
    const load = (tag, attributes) => new Promise((resolve, reject) => {
      const element = document.createElement(tag);
      Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
      element.addEventListener('load', resolve);
      element.addEventListener('error', reject);
      document.head.appendChild(element);
    });
    leaflet = Promise.all([
      load('link', { rel: 'stylesheet', href: config.dataset.leafletCss }),
      load('script', { src: config.dataset.leafletJs }),
    ]).then(() => window.L);
  }
  return leaflet;
}

function words(name, values = {}) {
  let text = config.dataset[name] || '';
  Object.entries(values).forEach(([key, value]) => { text = text.replace(`%(${key})s`, value); });
  return text;
}

function field(group, name) {
  return group.querySelector(`input[name$="-${name}"]`);
}

function enhance(group) {
  const address = field(group, 'address');
  const lat = field(group, 'latitude');
  const lon = field(group, 'longitude');
  if (!address || !lat || !lon || group.querySelector('.tsf-place-tools')) return;

  const tools = document.createElement('div');
  tools.className = 'tsf-place-tools';
  const find = document.createElement('button');
  find.type = 'button';
  find.className = 'button';
  find.textContent = words('labelFind');
  const pick = document.createElement('button');
  pick.type = 'button';
  pick.className = 'button';
  pick.textContent = words('labelMap');
  const status = document.createElement('p');
  status.className = 'tsf-place-status';
  status.setAttribute('role', 'status');
  const canvas = document.createElement('div');
  canvas.className = 'tsf-place-map';
  canvas.hidden = true;
  canvas.setAttribute('role', 'region');
  canvas.setAttribute('aria-label', words('labelRegion'));
  const help = document.createElement('p');
  help.className = 'help';
  help.textContent = words('labelHelp');
  help.hidden = true;
  const credit = document.createElement('p');
  credit.className = 'help tsf-place-credit';
  credit.innerHTML = config.dataset.geocoderAttribution; // set by the site's settings
  tools.append(find, pick, status, canvas, help, credit);
  (lon.closest('.form-row') || lon.parentElement).after(tools);

  let map;
  let marker;
  const setFields = (latlng) => {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    status.textContent = words('labelPinned', { lat: lat.value, lon: lon.value });
  };
  const pin = (L, latlng) => {
    if (!marker) {
      const icon = L.icon({
        iconUrl: config.dataset.markerIcon,
        iconRetinaUrl: config.dataset.markerIcon2x,
        shadowUrl: config.dataset.markerShadow,
        iconSize: [25, 41],
        iconAnchor: [12, 41],
        shadowSize: [41, 41],
      });
      marker = L.marker(latlng, { draggable: true, icon, alt: address.value || '' }).addTo(map);
      marker.on('dragend', () => setFields(marker.getLatLng()));
    } else {
      marker.setLatLng(latlng);
    }
  };
  const showMap = async () => {
    const L = await loadLeaflet();
    canvas.hidden = false;
    help.hidden = false;
    if (!map) {
      map = L.map(canvas);
      L.tileLayer(config.dataset.tileUrl, {
        attribution: config.dataset.tileAttribution,
        maxZoom: 19,
      }).addTo(map);
      map.on('click', (event) => { pin(L, event.latlng); setFields(event.latlng); });
    }
    const here = lat.value && lon.value ? [Number(lat.value), Number(lon.value)] : null;
    if (here) pin(L, here);
    map.setView(here || TORINO, here ? 17 : 13);
    return L;
  };
  const moveFromFields = async () => {
    if (map && lat.value && lon.value) {
      const L = await loadLeaflet();
      const latlng = [Number(lat.value), Number(lon.value)];
      pin(L, latlng);
      map.setView(latlng, 17);
    }
  };
  lat.addEventListener('change', moveFromFields);
  lon.addEventListener('change', moveFromFields);

  pick.addEventListener('click', () => { showMap(); });
  find.addEventListener('click', async () => {
    const text = address.value.trim();
    if (!text) {
      status.textContent = words('labelNoAddress');
      address.focus();
      return;
    }
    status.textContent = words('labelSearching');
    find.disabled = true;
    try {
      const query = /torino/i.test(text) ? text : `${text}, Torino`;
      const url = new URL(config.dataset.geocoderUrl);
      url.search = new URLSearchParams({ format: 'jsonv2', limit: '1', countrycodes: 'it', q: query });
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      const results = await response.json();
      const L = await showMap();
      if (!results.length) {
        status.textContent = words('labelNotFound');
        return;
      }
      const latlng = L.latLng(Number(results[0].lat), Number(results[0].lon));
      pin(L, latlng);
      map.setView(latlng, 17);
      setFields(latlng);
      status.textContent = words('labelFound', { place: results[0].display_name || query });
    } catch (error) {
      status.textContent = words('labelError');
    } finally {
      find.disabled = false;
    }
  });
}

function enhanceAll() {
  document.querySelectorAll('#places-group .inline-related').forEach((group) => {
    if (!group.id.endsWith('-empty')) enhance(group);
  });
}

if (config) {
  enhanceAll();
  // A place added with «Aggiungi un altro luogo» gets the same tools.
  document.addEventListener('formset:added', enhanceAll);
}
