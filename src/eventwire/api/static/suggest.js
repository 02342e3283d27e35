// Actor suggestions for an input, from GET /v1/actors?q=, into the input's <datalist>.

import { debounce, h, replace } from "./dom.js";

export function attachActorSuggestions(api, input) {
  const list = document.getElementById(input.getAttribute("list"));
  let controller = null;

  async function suggest() {
    const q = input.value.trim();
    if (q.length < 2 || !list) return;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const answer = await api.get("/v1/actors", { q, limit: 20 }, { signal: controller.signal });
      replace(
        list,
        answer.actors.map((a) =>
          h("option", { value: a.code }, `${a.name || a.code}${a.events ? ` (${a.events} events)` : ""}`),
        ),
      );
    } catch (error) {
      // A superseded request or a failed look-up only means no suggestions.
      if (error.name !== "AbortError") replace(list);
    }
  }

  input.addEventListener("input", debounce(suggest, 200));
}
