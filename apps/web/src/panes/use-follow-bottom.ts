import { useEffect, useRef } from 'react';

/** How close to the end (px) still counts as "at the end": a reader a few pixels off is following. */
const AT_END_PX = 24;

/**
 * Keeps a scroll container at its end while its content grows, as long as the reader is there;
 * scrolling up to read stops it, scrolling back down to the end resumes it.
 *
 * A MutationObserver (the container's own size does not change as text streams in) scrolls after
 * each render, before the browser paints. The reader's intent is taken from the wheel or touch
 * itself, not only from scroll events: a smooth scroll upwards reports its first position a
 * frame or more later, and a token arriving in between would otherwise pull the view back down.
 */
export function useFollowBottom<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let following = true;
    el.scrollTop = el.scrollHeight;
    let lastTop = el.scrollTop;
    const onScroll = () => {
      const top = el.scrollTop;
      const atEnd = el.scrollHeight - top - el.clientHeight <= AT_END_PX;
      // Reaching the end going down resumes; any move up away from the end stops. (Content that
      // shrinks clamps the position upwards while still at the end: that keeps following.)
      if (atEnd && top >= lastTop) following = true;
      else if (!atEnd && top < lastTop) following = false;
      lastTop = top;
    };
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) following = false;
    };
    const onTouch = () => {
      following = false;
    };
    const observer = new MutationObserver(() => {
      if (following) el.scrollTop = el.scrollHeight;
    });
    // The pane itself can shrink too (a vote bar or the comparison opening above the grid): a
    // follower stays at the end.
    const resized = new ResizeObserver(() => {
      if (following) el.scrollTop = el.scrollHeight;
    });
    resized.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: true });
    el.addEventListener('touchmove', onTouch, { passive: true });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      resized.disconnect();
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('touchmove', onTouch);
    };
  }, []);
  return ref;
}
