// The client of the eventwire HTTP API (docs/http-api.md). Errors come back as ApiError with the API's
// error code and message, so views can show them.

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The message with the field errors of a 422, for showing to a person. */
  describe() {
    const fields = (this.details || []).map((d) => `${d.field}: ${d.message}`);
    return [`${this.code ? `[${this.code}] ` : ""}${this.message}`, ...fields].join("; ");
  }
}

/** A query string from an object, leaving out empty values. */
export function queryString(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: keep the status text
  }
  const error = body && body.error ? body.error : {};
  return new ApiError(
    response.status,
    error.code || `HTTP ${response.status}`,
    error.message || response.statusText || "request failed",
    error.details || [],
  );
}

export class ApiClient {
  constructor() {
    this.token = "";
    this.authRequired = false; // from GET /v1/health: POSTs need a bearer token
  }

  headers(extra = {}) {
    const headers = { Accept: "application/json", ...extra };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    return headers;
  }

  async request(path, options = {}) {
    const response = await fetch(path, { ...options, headers: this.headers(options.headers) });
    if (!response.ok) throw await errorFrom(response);
    return { status: response.status, body: await response.json() };
  }

  async get(path, params, { signal } = {}) {
    const { body } = await this.request(path + queryString(params), { signal });
    return body;
  }

  async post(path, payload) {
    if (this.authRequired && !this.token) {
      // Ask for the token before the server refuses the request.
      throw new ApiError(401, "E401", "this server needs an API token: enter it in the field at the top right");
    }
    return this.request(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  }

  /** POST /v1/code; a batch that became a job (202) is polled until it is done. */
  async code(payload, { onProgress } = {}) {
    const { status, body } = await this.post("/v1/code", payload);
    if (status !== 202) return body;
    for (let wait = 500; ; wait = Math.min(wait * 1.5, 3000)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const job = await this.get(body.status_url);
      if (onProgress) onProgress(job);
      if (job.status === "done") return job.result;
      if (job.status === "failed") throw new ApiError(500, "job", job.error || "the coding job failed");
    }
  }
}
