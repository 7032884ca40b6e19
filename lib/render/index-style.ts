/** The index page's only styling: system fonts, one readable column, tables that scroll sideways on a phone. */
export const INDEX_STYLE = `
:root{color-scheme:light dark;--muted:#666;--line:#ddd;--accent:#b3471d}
@media (prefers-color-scheme:dark){:root{--muted:#aaa;--line:#444;--accent:#f08a5d}}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0 auto;max-width:52rem;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:0 0 .3rem}
a{color:var(--accent)}
.topic,#sources{border-top:1px solid var(--line);padding:1rem 0}
.description{margin:.2rem 0}.meta{color:var(--muted);font-size:.9rem;margin:.2rem 0}
.subscribe .feed{display:inline-block;border:1px solid var(--accent);border-radius:.3rem;padding:.05rem .5rem;margin:.1rem .2rem .1rem 0;text-decoration:none;font-size:.9rem}
.items{padding-left:1.2rem}.item{margin:.7rem 0}.headline{font-weight:600}
.also{font-size:.9rem}.why{font-size:.85rem;color:var(--muted);margin:.2rem 0}
details summary{cursor:pointer;font-size:.85rem;color:var(--muted)}
.table{overflow-x:auto}table{border-collapse:collapse;font-size:.9rem;width:100%}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th,td:nth-child(2),td:nth-child(4),td time{white-space:nowrap;overflow-wrap:normal}
.status-failing td:nth-child(2){color:#c00;font-weight:600}.status-disabled td:nth-child(2){color:var(--muted)}
`;
