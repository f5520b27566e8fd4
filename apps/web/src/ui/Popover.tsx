import * as RadixPopover from '@radix-ui/react-popover';
import type { ReactElement, ReactNode } from 'react';

/**
 * A non-modal popover (Radix): closes on Esc and on a click or focus outside it, moves focus into
 * it when it opens and back to its trigger when it closes, and keeps itself in the viewport.
 * Non-modal on purpose: the modal variant locks scrolling with a <style> element that the
 * workspace's CSP (style-src 'self') blocks.
 */
export function Popover({
  trigger,
  label,
  open,
  onOpenChange,
  className,
  align = 'start',
  inline = false,
  children,
}: {
  /** The button that opens it. */
  trigger: ReactElement;
  /** The popover's accessible name. */
  label: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  className?: string;
  align?: 'start' | 'center' | 'end';
  /** Render in place instead of at the end of <body> (so it stays inside its region). */
  inline?: boolean;
  children: ReactNode;
}) {
  const content = (
    <RadixPopover.Content
      className={className ? `popover ${className}` : 'popover'}
      aria-label={label}
      align={align}
      sideOffset={6}
      collisionPadding={8}
    >
      {children}
    </RadixPopover.Content>
  );
  return (
    <RadixPopover.Root open={open} onOpenChange={onOpenChange}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      {inline ? content : <RadixPopover.Portal>{content}</RadixPopover.Portal>}
    </RadixPopover.Root>
  );
}
