/** Reads a server-sent-event stream one event at a time (the shape EventSource delivers). */
export function readSseEvents(url: string): {
  next(): Promise<{ event: string; data: unknown }>;
  close(): void;
} {
  const controller = new AbortController();
  const queue: { event: string; data: unknown }[] = [];
  const waiters: ((e: { event: string; data: unknown }) => void)[] = [];
  const deliver = (e: { event: string; data: unknown }) => {
    const w = waiters.shift();
    if (w) w(e);
    else queue.push(e);
  };
  void (async () => {
    const response = await fetch(url, { signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) deliver({ event, data: JSON.parse(data) });
      }
    }
  })().catch(() => undefined);
  return {
    next: () => {
      const e = queue.shift();
      return e ? Promise.resolve(e) : new Promise((resolve) => waiters.push(resolve));
    },
    close: () => controller.abort(),
  };
}
