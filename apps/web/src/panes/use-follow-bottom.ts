import { useEffect, useRef } from 'react';

/** How close to the end (px) still counts as "at the end": a reader a few pixels off is following. */
const AT_END_PX = 24;

/**
 * Keeps a scroll container at its end while its content grows, as long as the reader is at the
 * end; scrolling up to read stops it, scrolling back down resumes it. A MutationObserver (not a
 * ResizeObserver: the container's own size does not change as text streams in) runs after each
 * render, before the browser paints, so the new last line is what gets painted.
 */
export function useFollowBottom<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let following = true;
    const onScroll = () => {
      following = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX;
    };
    const observer = new MutationObserver(() => {
      if (following) el.scrollTop = el.scrollHeight;
    });
    el.scrollTop = el.scrollHeight;
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, []);
  return ref;
}
