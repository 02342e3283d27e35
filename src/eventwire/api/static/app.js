// The eventwire dashboard: tabs (one view per module), the API client, the health line and the token field.

import { ApiClient } from "./api.js";
import { createDyadView } from "./view-dyad.js";
import { createEventsView } from "./view-events.js";
import { createMapView } from "./view-map.js";
import { createTimelineView } from "./view-timeline.js";
import { createTryView } from "./view-try.js";

const TABS = ["try", "events", "dyad", "map", "timeline"];
const TOKEN_KEY = "eventwire-token";

function currentTab() {
  const name = window.location.hash.replace(/^#/, "");
  return TABS.includes(name) ? name : "try";
}

function showTab(views, name) {
  for (const tab of TABS) {
    const selected = tab === name;
    document.getElementById(`view-${tab}`).hidden = !selected;
    const link = document.getElementById(`tab-${tab}`);
    link.setAttribute("aria-selected", String(selected));
    link.classList.toggle("active", selected);
    if (selected) link.removeAttribute("tabindex");
    else link.setAttribute("tabindex", "-1");
  }
  for (const tab of TABS) if (tab !== name && views[tab].hide) views[tab].hide();
  views[name].show();
}

/** Arrow keys move between tabs (the usual tablist keyboard pattern). */
function tabKeys(event) {
  const index = TABS.indexOf(event.target.id.replace("tab-", ""));
  if (index < 0) return;
  const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  const next = TABS[(index + step + TABS.length) % TABS.length];
  document.getElementById(`tab-${next}`).focus();
  window.location.hash = next;
}

function setupToken(api, health) {
  const form = document.getElementById("token-form");
  const input = document.getElementById("api-token");
  if (!health.auth_required) return;
  api.authRequired = true;
  form.hidden = false;
  input.value = sessionStorage.getItem(TOKEN_KEY) || "";
  api.token = input.value.trim();
  input.addEventListener("input", () => {
    api.token = input.value.trim();
    sessionStorage.setItem(TOKEN_KEY, api.token);
  });
  form.addEventListener("submit", (e) => e.preventDefault());
}

async function loadHealth(api) {
  const line = document.getElementById("health-status");
  try {
    const health = await api.get("/v1/health");
    const store = health.store || {};
    line.textContent =
      `eventwire ${health.version} · store: ${store.events ?? 0} events, ${store.articles ?? 0} articles` +
      ` · model ${health.model_loaded ? "loaded" : "loads on first use"}`;
    setupToken(api, health);
  } catch (error) {
    line.textContent = `API unavailable: ${error.message}`;
    line.classList.add("error");
  }
}

function main() {
  const api = new ApiClient();
  const views = {};
  const openEvent = (eventId) => {
    window.location.hash = "events";
    views.events.openEvent(eventId);
  };
  views.try = createTryView({ api });
  views.events = createEventsView({ api });
  views.dyad = createDyadView({ api });
  views.map = createMapView({ api, openEvent });
  views.timeline = createTimelineView({ api, openEvent });

  document.querySelector(".tabs").addEventListener("keydown", tabKeys);
  window.addEventListener("hashchange", () => {
    // Other anchors (the skip link) change the hash too: only tab names switch the view.
    if (TABS.includes(window.location.hash.replace(/^#/, ""))) showTab(views, currentTab());
  });
  showTab(views, currentTab());
  loadHealth(api);
}

main();
