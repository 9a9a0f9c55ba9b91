// A safety net under every form field: a bound input sends its whole value to the server in one
// SignalR message, and a message over the hub's limit (128 KB) ends the circuit. A value longer
// than the longest field the app accepts (Limits.MarkdownLength, 20,000 characters) is cut to one
// character more than that, so the server's validation still says it is too long. Fields that send
// their text as a stream (the postmortem editor, the chat-log paste) are marked data-streamed.
(() => {
    const max = 20000 + 1;
    const trim = e => {
        const el = e.target;
        if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) || el.hasAttribute("data-streamed")) return;
        if (el.value.length > max) el.value = el.value.slice(0, max);
    };
    // Capture on window runs before Blazor's own listeners read the value.
    window.addEventListener("input", trim, true);
    window.addEventListener("change", trim, true);
})();
