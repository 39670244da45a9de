// Navigation icon of the portal module (decorative, like the shell's icons).
export const IconPortal = () => (
  <svg
    width={18}
    height={18}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.8}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <rect x="3" y="4" width="18" height="16" rx="1" />
    <path d="M7 8h10M7 12h6M7 16h8" />
  </svg>
);
