// Entry module for every page. Pages work fully without it: it only turns the
// main menu into Bootstrap Italia's collapsible panel on small screens.
// The plugin registers its data-API click handler on import.
import '../vendor/bootstrap-italia/plugins/navbar-collapsible.js';

// After a failed submit the error summary takes the focus, so a screen reader reads it
// first (the element also has autofocus; this covers browsers that ignore it on a div).
document.querySelector('[data-focus-on-load]')?.focus();
