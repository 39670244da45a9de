// Drawn pictures of a Great Solidarity house for the demo (issue 16): no photograph of a real house
// exists for synthetic households, so the demo stores flat drawings, one per stage, and captions
// them "Ảnh minh họa" (front.seed.ts). An SVG rasterised by sharp to PNG, then uploaded through the
// same service as the Front's photo form (re-encoded to JPEG there). No text is drawn: a server
// without fonts would draw boxes; the caption says what the picture is.
import sharp from 'sharp';

export type IllustratedStage = 'under-construction' | 'handed-over';

/** Wall colours of the finished houses, one per house in turn, so the drawings are told apart. */
const WALLS = ['#f2d8a7', '#d9e8c4', '#f4c9b0', '#cfe0ee', '#efe3c2', '#e2d3ea'];

function svg(stage: IllustratedStage, variant: number): string {
  const wall = WALLS[variant % WALLS.length]!;
  const ground = `<rect x="0" y="380" width="640" height="100" fill="#9cc27a"/>
    <rect x="0" y="380" width="640" height="8" fill="#7fa862"/>
    <circle cx="${90 + (variant % 3) * 30}" cy="90" r="38" fill="#ffd866"/>
    <path d="M520 380 v-90" stroke="#7a5230" stroke-width="12"/>
    <circle cx="520" cy="270" r="52" fill="#5f9e4f"/><circle cx="490" cy="300" r="34" fill="#6aab58"/>`;
  if (stage === 'handed-over')
    return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480">
    <rect width="640" height="480" fill="#cfe8f7"/>${ground}
    <rect x="150" y="230" width="300" height="150" fill="${wall}" stroke="#8a6a3c" stroke-width="4"/>
    <polygon points="125,235 300,140 475,235" fill="#b5462f" stroke="#7d2f1f" stroke-width="4"/>
    <rect x="270" y="290" width="60" height="90" fill="#8a5a2b"/>
    <circle cx="318" cy="338" r="4" fill="#f2d36b"/>
    <rect x="180" y="270" width="60" height="50" fill="#9fd0ef" stroke="#ffffff" stroke-width="5"/>
    <rect x="360" y="270" width="60" height="50" fill="#9fd0ef" stroke="#ffffff" stroke-width="5"/>
    <rect x="210" y="370" width="180" height="10" fill="#c9b79a"/>
    <rect x="240" y="150" width="120" height="34" rx="4" fill="#d62828" opacity="0.9"/>
    <polygon points="300,157 304,168 316,168 306,175 310,186 300,179 290,186 294,175 284,168 296,168" fill="#ffd60a"/>
  </svg>`;
  // Under construction: walls half raised, no roof, a scaffold and a pile of bricks.
  const bricks = [];
  for (let row = 0; row < 6; row += 1)
    for (let col = 0; col < 10; col += 1)
      bricks.push(
        `<rect x="${150 + col * 30 + (row % 2) * 15}" y="${350 - row * 20}" width="28" height="18" fill="#c1683c" stroke="#8e4423" stroke-width="2"/>`,
      );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480">
    <rect width="640" height="480" fill="#dcecf5"/>${ground}
    <clipPath id="w"><rect x="150" y="250" width="300" height="130"/></clipPath>
    <g clip-path="url(#w)">${bricks.join('')}</g>
    <rect x="270" y="300" width="60" height="80" fill="#dcecf5"/>
    <g stroke="#8d99a6" stroke-width="6">
      <path d="M130 380 V170 M470 380 V170 M130 300 H470 M130 230 H470 M130 170 H470"/>
      <path d="M130 300 L200 230 M400 300 L470 230" stroke-width="4"/>
    </g>
    <g fill="#c1683c" stroke="#8e4423" stroke-width="2">
      <rect x="40" y="360" width="28" height="18"/><rect x="70" y="360" width="28" height="18"/>
      <rect x="55" y="342" width="28" height="18"/>
    </g>
    <polygon points="560,380 600,330 640,380" fill="#c9b79a"/>
  </svg>`;
}

/** A PNG drawing of a house at `stage` (640×480); `variant` changes the colours from house to house. */
export async function houseIllustration(stage: IllustratedStage, variant: number): Promise<Buffer> {
  return sharp(Buffer.from(svg(stage, variant)))
    .png()
    .toBuffer();
}
