// Entry module for every page. Pages work fully without it: it only turns the
// main menu into Bootstrap Italia's collapsible panel on small screens.
// The plugin registers its data-API click handler on import.
import '../vendor/bootstrap-italia/plugins/navbar-collapsible.js';
