/**
 * The common XSS vectors (OWASP cheat sheet families), as an outlet would put them in an item's HTML. Every one is
 * active when inserted raw into a page; `inert-html.ts` must flag each raw vector (checked by the suite), and none
 * may survive into any output format.
 */
export const XSS_VECTORS: readonly (readonly [string, string])[] = [
  ['script element', `<script>alert('XSS-1')</script>`],
  ['img onerror', `<img src="x" onerror="alert('XSS-2')">`],
  ['body onload', `<body onload="alert('XSS-3')">`],
  ['javascript: link', `<a href="javascript:alert('XSS-4')">click</a>`],
  ['mixed-case javascript: link', `<a href="JaVaScRiPt:alert('XSS-5')">click</a>`],
  ['tab inside the scheme', `<a href="java\tscript:alert('XSS-6')">click</a>`],
  ['entity-encoded scheme', `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert('XSS-7')">x</a>`],
  [
    'hex entities without semicolons',
    `<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74:alert('XSS-8')">x</a>`,
  ],
  ['leading control character', `<a href="\u0001javascript:alert('XSS-9')">x</a>`],
  ['data: URL', `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTLTEwJyk8L3NjcmlwdD4=">x</a>`],
  ['vbscript: URL', `<a href="vbscript:msgbox('XSS-11')">x</a>`],
  ['img src javascript:', `<img src="javascript:alert('XSS-12')">`],
  ['srcset javascript:', `<img src="a.png" srcset="javascript:alert('XSS-13') 1x">`],
  ['svg onload', `<svg onload="alert('XSS-14')"></svg>`],
  ['svg script', `<svg><script>alert('XSS-15')</script></svg>`],
  ['svg xlink:href', `<svg><a xlink:href="javascript:alert('XSS-16')"><text>x</text></a></svg>`],
  ['svg animate', `<svg><animate onbegin="alert('XSS-17')" attributeName="x"/></svg>`],
  ['CSS expression', `<div style="width: expression(alert('XSS-18'))">x</div>`],
  ['CSS url(javascript:)', `<div style="background:url(javascript:alert('XSS-19'))">x</div>`],
  ['style element import', `<style>@import 'javascript:alert("XSS-20")';</style>`],
  ['iframe', `<iframe src="javascript:alert('XSS-21')"></iframe>`],
  ['iframe srcdoc', `<iframe srcdoc="<script>alert('XSS-22')</script>"></iframe>`],
  ['object data', `<object data="javascript:alert('XSS-23')"></object>`],
  ['embed', `<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`],
  ['form action', `<form action="javascript:alert('XSS-25')"><button>go</button></form>`],
  ['button formaction', `<button formaction="javascript:alert('XSS-26')">go</button>`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=javascript:alert('XSS-27')">`],
  ['base href', `<base href="javascript:alert('XSS-28')//">`],
  ['details ontoggle', `<details open ontoggle="alert('XSS-29')">x</details>`],
  ['nested tags re-forming script', `<scr<script>ipt>alert('XSS-30')</scr</script>ipt>`],
  ['double open bracket', `<<script>alert('XSS-31');//<</script>`],
  ['attribute breakout', `<img src="x" alt="\`"><script>alert('XSS-32')</script>">`],
  ['comment breakout', `<!--<img src="--><img src=x onerror=alert('XSS-33')//">`],
  ['textarea breakout', `</textarea><script>alert('XSS-34')</script>`],
  ['title breakout', `</title><script>alert('XSS-35')</script>`],
  [
    'math mXSS',
    `<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS-36')></style></mglyph></table></mtext></math>`,
  ],
  ['noscript mXSS', `<noscript><p title="</noscript><img src=x onerror=alert('XSS-37')>"></noscript>`],
  ['unquoted event handler', `<img src=x onerror=alert('XSS-38')>`],
  ['slash separator', `<img/src="x"/onerror="alert('XSS-39')">`],
  ['uppercase tag', `<IMG SRC=x ONERROR="alert('XSS-40')">`],
];

/**
 * Vectors aimed at sanitizers rather than browsers: harmless as written, active only once a naive filter strips
 * part of them (or in a parser that treats noscript as raw text). The checker is not expected to flag them raw.
 */
export const SANITIZER_BYPASS_ONLY = new Set(['nested tags re-forming script', 'noscript mXSS']);

/** Entity-encoded markup: XML decoding turns it into real tags, which the HTML pipeline then sees. */
export const ENCODED_VECTORS: readonly (readonly [string, string])[] = [
  ['entity-encoded script in RSS description', `&lt;script&gt;alert('XSS-41')&lt;/script&gt;`],
  ['entity-encoded img onerror', `&lt;img src=x onerror=alert('XSS-42')&gt;`],
  ['double-encoded script', `&amp;lt;script&amp;gt;alert('XSS-43')&amp;lt;/script&amp;gt;`],
];
