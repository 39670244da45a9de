// The product's mark: a rising path over a field, in the brand colours (also the favicon).
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect
        width="32"
        height="32"
        rx="6"
        fill="#ffffff"
        fillOpacity="0.12"
        stroke="#ffffff"
        strokeOpacity="0.35"
      />
      <path
        d="M7 22c4-1 6-4 9-10 2 5 5 8 9 9"
        fill="none"
        stroke="#ffca64"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <circle cx="16" cy="9" r="2.5" fill="#ffffff" />
    </svg>
  );
}
