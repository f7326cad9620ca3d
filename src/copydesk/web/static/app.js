// The only script: toggle the "what changed" view in place, keeping the state in the URL.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("toggle-changes");
  const panel = document.getElementById("changes");
  const layout = document.getElementById("article-layout");
  if (!toggle || !panel || !layout) return;
  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    const show = panel.hidden;
    panel.hidden = !show;
    layout.classList.toggle("with-changes", show);
    toggle.setAttribute("aria-pressed", String(show));
    toggle.textContent = show ? "Hide what changed" : "Show what changed";
    toggle.setAttribute("href", show ? "?" : "?view=changes");
    const url = new URL(window.location.href);
    if (show) url.searchParams.set("view", "changes"); else url.searchParams.delete("view");
    history.replaceState(null, "", url);
  });
});
