// Not served to browsers' benefit: the tool that produced fullcalendar.css from index.global.min.js.
// Usage: node extract-css.js index.global.min.js > fullcalendar.css  (then restore the one-line header comment)
// Runs the FullCalendar bundle against a stub document and collects the CSS it would inject.
const fs = require('fs'); const vm = require('vm');
const rules = [];
const fakeStyle = { isConnected: true, sheet: { cssRules: { get length() { return rules.length; } }, insertRule(r) { rules.push(r); return rules.length - 1; } } };
const document = { querySelector: (sel) => sel === 'style[data-fullcalendar]' ? fakeStyle : null, head: {}, createElement() { throw new Error('unexpected'); } };
const ctx = { document, window: {}, navigator: { userAgent: 'node' }, console, setTimeout, clearTimeout, requestAnimationFrame: (f) => setTimeout(f, 0), cancelAnimationFrame: () => {}, Intl, Promise, Map, Set, WeakMap, Symbol, Date, Math, JSON, Object, Array, String, Number, Boolean, RegExp, Error, TypeError };
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), ctx);
process.stdout.write(rules.join('\n') + '\n');
