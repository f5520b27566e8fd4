/**
 * Another stream with each part mapped and anything thrown replaced, as a plain iterator rather
 * than an async generator: wrappers of an adapter's stream sit on the path of every token, and a
 * generator layer costs each one several promise turns. Nothing is read until the result is.
 */
export function mapStream<T>(
  source: AsyncIterable<T>,
  map: (part: T) => T,
  mapThrown: (error: unknown) => unknown,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let inner: AsyncIterator<T>;
      try {
        inner = source[Symbol.asyncIterator]();
      } catch (error) {
        throw mapThrown(error);
      }
      const rethrow = (error: unknown): never => {
        throw mapThrown(error);
      };
      return {
        next: () =>
          inner
            .next()
            .then(
              (result): IteratorResult<T> =>
                result.done ? result : { done: false, value: map(result.value) },
              rethrow,
            ),
        return: async (): Promise<IteratorResult<T>> => {
          await inner.return?.().catch(rethrow);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
