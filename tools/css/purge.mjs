// `make css`: Bootstrap Italia trimmed to the rules our pages can use.
//
// Input: the vendored, complete stylesheet and the list of what the pages can put in
// the DOM, which tools/css_usage.py extracts (templates, Django's widget templates,
// the scripts we ship, widget classes set in Python, rich-text tags, a safelist).
// The same extractor backs tests/site/test_stylesheet.py, which fails when a template
// or a script uses a Bootstrap Italia class that this output lacks.
// Output: static/vendor/bootstrap-italia/css/bootstrap-italia.site.min.css (committed,
// so neither `make test` nor a deploy needs node).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PurgeCSS } from 'purgecss';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = process.env.PYTHON || resolve(root, '.venv', 'bin', 'python');
const vendor = resolve(root, 'static', 'vendor', 'bootstrap-italia', 'css');
const source = resolve(vendor, 'bootstrap-italia.min.css');
const target = resolve(vendor, 'bootstrap-italia.site.min.css');

const used = JSON.parse(
  execFileSync(python, [resolve(root, 'tools', 'css_usage.py')], { cwd: root, encoding: 'utf8' }),
);

const [result] = await new PurgeCSS().purge({
  content: [{ raw: 'tsf', extension: 'tsf' }],
  extractors: [
    {
      extensions: ['tsf'],
      extractor: () => ({
        tags: used.tags,
        classes: used.classes,
        ids: used.ids,
        attributes: { names: used.attribute_names, values: used.attribute_values },
        undetermined: used.undetermined,
      }),
    },
  ],
  css: [{ raw: readFileSync(source, 'utf8') }],
  // Custom properties, keyframes and font faces nobody refers to go too.
  variables: true,
  keyframes: true,
  fontFace: true,
  safelist: {
    // PurgeCSS drops a selector made of pseudo-classes alone, such as the keyboard focus
    // ring `:focus:not([data-focus-mouse=true])` or `::placeholder`; they apply to every
    // element, so they stay. In other selectors pseudo-classes never decide anything.
    standard: [/^::?[a-z-]+/],
    // Read by the plugins at run time, not by any rule.
    variables: [/^--bs-breakpoint-/],
  },
});

const licence =
  '/*! Bootstrap Italia 2.18.3 (BSD-3-Clause; Bootstrap MIT: static/vendor/bootstrap-italia/' +
  'LICENSE and LICENSE-bootstrap), trimmed by ' +
  '`make css` (tools/css/purge.mjs) to the rules the site uses. Do not edit: rebuild. */\n';
writeFileSync(target, licence + result.css.trim() + '\n');
console.log(`${target}: ${readFileSync(source).length} -> ${readFileSync(target).length} bytes`);
