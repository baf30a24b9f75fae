/**
 * The widget's only styles, scoped to its shadow root. It inherits the page's font and colours;
 * owners theme it with the `--chorus-*` custom properties (see docs/widget.md) or `::part()`.
 * `display: block !important` on `:host` wins over a page's `!important` blanket rules (inner
 * important declarations beat outer ones); the `hidden` attribute still hides it.
 */
const CSS = `
:host{display:block!important;color:inherit;font:inherit;line-height:1.5;
--_accent:var(--chorus-accent,currentColor);--_border:var(--chorus-border,rgba(127,127,127,.35));
--_radius:var(--chorus-radius,.4em);--_avatar:var(--chorus-avatar-size,2.25em);--_face:var(--chorus-face-size,2em);
--_muted:var(--chorus-muted-opacity,.75);--_gap:var(--chorus-gap,1em)}
:host([hidden]){display:none!important}
*{box-sizing:border-box}
.root{display:block;background:var(--chorus-background,transparent)}
h2{font-size:1.25em;margin:0 0 .5em}
h3{font-size:1em;margin:var(--_gap) 0 .5em}
h4{font-size:.95em;margin:.75em 0 .25em;font-weight:600}
a{color:var(--chorus-link,inherit)}
ul,ol{list-style:none;margin:0;padding:0}
p{margin:.25em 0}
.counts{display:flex;flex-wrap:wrap;gap:.25em 1em;opacity:var(--_muted)}
.quiet{opacity:var(--_muted);font-style:italic}
.faces{display:flex;flex-wrap:wrap;align-items:center;gap:.25em}
.face a,.face>span{display:block;border-radius:50%}
.face .avatar{width:var(--_face);height:var(--_face)}
.face-more{margin-left:.25em;opacity:var(--_muted);font-size:.9em}
.avatar{display:inline-flex;align-items:center;justify-content:center;flex:none;width:var(--_avatar);height:var(--_avatar);
border-radius:50%;object-fit:cover;border:1px solid var(--_border);font-weight:600;overflow:hidden}
.reply{margin:.75em 0}
.replies{margin-left:calc(var(--_avatar)/2);padding-left:calc(var(--_avatar)/2);border-left:2px solid var(--_border)}
.meta{display:flex;align-items:center;flex-wrap:wrap;gap:.25em .5em;font-size:.95em}
.author{font-weight:600}
.badge{font-size:.75em;border:1px solid var(--_border);border-radius:1em;padding:0 .5em}
.time{opacity:var(--_muted);font-size:.9em}
.content{overflow-wrap:anywhere;margin-top:.25em}
.content img{max-width:100%;height:auto}
.content pre{overflow:auto}
.content blockquote{margin:.25em 0;padding-left:.75em;border-left:3px solid var(--_border)}
.compact li{margin:.25em 0}
.respond{margin-top:var(--_gap);border-top:1px solid var(--_border)}
label{display:block;font-size:.9em;margin-bottom:.15em}
.row{display:flex;flex-wrap:wrap;gap:.5em}
input{flex:1 1 12em;min-width:0;font:inherit;color:inherit;background:transparent;border:1px solid var(--_border);
border-radius:var(--_radius);padding:.35em .5em}
input[aria-invalid=true]{border-color:var(--chorus-error,#c62828)}
button{font:inherit;color:inherit;background:transparent;border:1px solid var(--_accent);border-radius:var(--_radius);
padding:.35em .75em;cursor:pointer}
button:disabled{opacity:.6;cursor:default}
.more{margin:.5em 0}
.status{font-size:.9em;min-height:1.5em}
:focus-visible{outline:2px solid var(--_accent);outline-offset:2px}
[hidden]{display:none!important}
`;

let sharedSheet: CSSStyleSheet | null = null;

/**
 * Constructable stylesheets are not `<style>` elements, so a strict `style-src` does not block
 * them. Where they are missing, a `<style>` element carrying the widget script's nonce is used.
 */
export function applyStyles(root: ShadowRoot, nonce: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    sharedSheet ??= new CSSStyleSheet();
    if (!sharedSheet.cssRules.length) sharedSheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sharedSheet];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = CSS;
  root.prepend(style);
}
