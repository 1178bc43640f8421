export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadHandle {
  /** Resolves with the HTTP status when the server answered 2xx. */
  done: Promise<number>;
  cancel: () => void;
}

/** The upload's own failure texts, in the reader's language: `useUploadTexts()`. */
export interface UploadTexts {
  failed: (status: number) => string;
  connectionFailed: string;
  cancelled: string;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

function serverMessage(xhr: XMLHttpRequest, texts: UploadTexts): string {
  try {
    const body: unknown = JSON.parse(xhr.responseText);
    if (typeof body === "object" && body !== null) {
      for (const value of Object.values(body)) {
        if (
          typeof value === "object" &&
          value !== null &&
          "message" in value &&
          typeof value.message === "string"
        ) {
          return value.message;
        }
      }
    }
  } catch {
    // Not JSON: fall through to the status text.
  }
  return xhr.statusText || texts.failed(xhr.status);
}

/**
 * PUTs a file with XMLHttpRequest (fetch has no upload progress), reporting
 * bytes sent. Same origin: the session cookie goes along.
 */
export function uploadFile(
  url: string,
  file: Blob,
  onProgress: (p: UploadProgress) => void,
  texts: UploadTexts,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<number>((resolve, reject) => {
    xhr.upload.addEventListener("progress", (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve(xhr.status);
      } else {
        reject(new UploadError(serverMessage(xhr, texts), xhr.status));
      }
    });
    xhr.addEventListener("error", () => reject(new UploadError(texts.connectionFailed, null)));
    xhr.addEventListener("abort", () => reject(new UploadError(texts.cancelled, null, true)));
  });
  xhr.open("PUT", url);
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.send(file);
  return { done, cancel: () => xhr.abort() };
}
