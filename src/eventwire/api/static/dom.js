// Small DOM helpers. All text from the API enters the page as text nodes or attribute values, never as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

function applyAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "on") {
      for (const [type, handler] of Object.entries(value)) el.addEventListener(type, handler);
    } else if (name === "style") {
      // Through the CSSOM, never a style attribute: the page's Content-Security-Policy forbids inline styles.
      for (const [property, v] of Object.entries(value)) el.style.setProperty(property, String(v));
    } else if (name === "dataset") {
      for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) el.dataset[key] = String(v);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  return el;
}

/** An HTML element: h("td", {class: "x"}, "text", child). */
export function h(tag, attrs, ...children) {
  return append(applyAttrs(document.createElement(tag), attrs), children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return append(applyAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** Replace the children of an element. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Show a message (or nothing) in a status element; kind "error" styles it as an error. */
export function setStatus(el, message, kind = "info") {
  el.textContent = message || "";
  el.classList.toggle("error", kind === "error");
}

/** The non-empty values of a form's named fields as an object. */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    const text = String(value).trim();
    if (text) values[name] = text;
  }
  return values;
}

/** Call fn at most once per `ms` of quiet. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A link only for http(s) URLs: stored URLs come from articles and must not become javascript: links. */
export function safeLink(url, text) {
  try {
    const parsed = new URL(url, window.location.href);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return h("a", { href: parsed.href, rel: "noopener noreferrer", target: "_blank" }, text);
    }
  } catch {
    // not a URL: fall through to plain text
  }
  return document.createTextNode(text);
}

/** The page's one floating tooltip. */
export const tooltip = {
  show(event, lines) {
    const el = document.getElementById("tooltip");
    replace(el, ...lines.map((line) => h("div", null, line)));
    el.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - el.offsetWidth - 8);
    const y = Math.min(event.clientY + 14, window.innerHeight - el.offsetHeight - 8);
    el.style.left = `${Math.max(4, x)}px`;
    el.style.top = `${Math.max(4, y)}px`;
  },
  hide() {
    document.getElementById("tooltip").hidden = true;
  },
};
