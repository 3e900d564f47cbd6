// The same mark, set the same way, as Fellowship's first screen (ui/src/lib/marks.ts).
requestAnimationFrame(() => setTimeout(() => performance.mark('fellowship:first-screen'), 0));
