// Demo portal: a handful of news articles, one modelled on the June 2024 Sầm Sơn conference
// report, with photos drawn here from SVG (synthetic: no photograph of anyone, nothing
// downloaded), captions, moderated comments and a feedback.
import sharp from 'sharp';
import { solveChallenge } from 'altcha-lib/v1';
import { SYSTEM } from '../deps.js';
import { createArticle, publishArticle } from '../public/articles.service.js';
import { addPhoto } from '../public/photos.service.js';
import { newCaptchaChallenge } from '../public/captcha.service.js';
import { moderateComment, submitComment } from '../public/comments.service.js';
import type { Deps } from '../deps.js';
import type { DemoContext } from './index.js';

const AUTHOR = 'Phòng Văn hóa – Thông tin TP Sầm Sơn';

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Rows of seated people drawn as circles and shoulders, seen from the back of a hall. */
function audience(x0: number, y0: number, cols: number, rows: number, gap: number, seed: number): string {
  let out = '';
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const shirts = ['#f1f5f9', '#1e3a8a', '#e2e8f0', '#334155', '#fef3c7'];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = x0 + c * gap + (r % 2) * (gap / 2) + rnd() * 6;
      const y = y0 + r * gap * 0.8;
      const size = 16 + r * 2.5;
      out += `<ellipse cx="${x}" cy="${y + size * 1.4}" rx="${size * 1.3}" ry="${size * 0.9}" fill="${shirts[Math.floor(rnd() * shirts.length)]}"/>`;
      out += `<circle cx="${x}" cy="${y}" r="${size * 0.7}" fill="#1f1f1f"/>`;
    }
  }
  return out;
}

function conferenceHall(): string {
  const banner = 'HỘI NGHỊ TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH MTQG GIẢM NGHÈO BỀN VỮNG NĂM 2024';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1012">
<rect width="1800" height="1012" fill="#e9dcc9"/>
<rect x="0" y="0" width="1800" height="420" fill="#7f1d1d"/>
<rect x="150" y="60" width="1500" height="230" fill="#b91c1c" stroke="#facc15" stroke-width="8"/>
<text x="900" y="140" font-family="DejaVu Sans, sans-serif" font-size="44" font-weight="bold" fill="#facc15" text-anchor="middle">ỦY BAN NHÂN DÂN THÀNH PHỐ SẦM SƠN</text>
<text x="900" y="215" font-family="DejaVu Sans, sans-serif" font-size="34" font-weight="bold" fill="#fff" text-anchor="middle">${escapeXml(banner)}</text>
<text x="900" y="265" font-family="DejaVu Sans, sans-serif" font-size="28" fill="#fde68a" text-anchor="middle">Sầm Sơn, ngày 11 tháng 6 năm 2024</text>
<rect x="300" y="330" width="1200" height="90" fill="#92400e"/>
<rect x="0" y="420" width="1800" height="592" fill="#d6c3a5"/>
${audience(90, 500, 26, 7, 66, 7)}
<text x="1760" y="990" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#44403c" text-anchor="end">Hình minh hoạ tổng hợp – dữ liệu mẫu</text>
</svg>`;
}

function delegates(): string {
  let tables = '';
  for (let i = 0; i < 5; i++) {
    const x = 80 + i * 340;
    tables += `<rect x="${x}" y="610" width="300" height="60" fill="#1e3a8a"/><rect x="${x + 110}" y="585" width="80" height="28" fill="#fff"/>`;
    tables += `<circle cx="${x + 150}" cy="470" r="48" fill="#2b2b2b"/><path d="M${x + 60} 610 Q${x + 150} 500 ${x + 240} 610 Z" fill="${i % 2 ? '#f8fafc' : '#334155'}"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
<rect width="1600" height="900" fill="#f5efe6"/>
<rect x="0" y="0" width="1600" height="320" fill="#991b1b"/>
<text x="800" y="170" font-family="DejaVu Sans, sans-serif" font-size="46" font-weight="bold" fill="#facc15" text-anchor="middle">ĐẠI BIỂU DỰ HỘI NGHỊ</text>
${tables}
<rect x="0" y="670" width="1600" height="230" fill="#d6c3a5"/>
${audience(60, 740, 24, 2, 66, 11)}
<text x="1560" y="885" font-family="DejaVu Sans, sans-serif" font-size="20" fill="#44403c" text-anchor="end">Hình minh hoạ tổng hợp – dữ liệu mẫu</text>
</svg>`;
}

function fieldScene(label: string, sky: string, ground: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
<rect width="1600" height="520" fill="${sky}"/><rect y="520" width="1600" height="380" fill="${ground}"/>
<circle cx="1350" cy="160" r="80" fill="#fde047"/>
<path d="M0 520 L300 330 L560 520 Z" fill="#4d7c0f"/><path d="M420 520 L760 300 L1100 520 Z" fill="#3f6212"/>
<rect x="980" y="400" width="260" height="160" fill="#fef3c7"/><path d="M950 410 L1110 300 L1270 410 Z" fill="#b45309"/>
<text x="800" y="820" font-family="DejaVu Sans, sans-serif" font-size="48" font-weight="bold" fill="#fff" text-anchor="middle">${escapeXml(label)}</text>
<text x="1560" y="885" font-family="DejaVu Sans, sans-serif" font-size="20" fill="#fff" text-anchor="end">Hình minh hoạ tổng hợp – dữ liệu mẫu</text>
</svg>`;
}

async function jpeg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).jpeg({ quality: 86 }).toBuffer();
}

async function captchaFor(deps: Deps): Promise<string> {
  const ch = await newCaptchaChallenge(deps);
  const solved = await solveChallenge(ch.challenge, ch.salt, ch.algorithm, ch.maxnumber).promise;
  return Buffer.from(JSON.stringify({ ...ch, number: solved!.number })).toString('base64');
}

interface DemoArticle {
  title: string;
  summary: string;
  body: string;
  category: string;
  tags: string[];
  publishedAt: string;
  photos: { svg: () => string; caption: string; alt: string }[];
  comments?: { name: string; body: string }[];
}

const ARTICLES: DemoArticle[] = [
  {
    title: 'Xã Đại Hùng: trao bò giống hỗ trợ sinh kế cho hộ nghèo',
    summary:
      'UBND xã Đại Hùng trao 6 con bò giống cho các hộ nghèo, hộ cận nghèo thuộc Dự án hỗ trợ phát triển sản xuất.',
    body: '<p>Thực hiện Dự án 2 – Đa dạng hoá sinh kế, phát triển mô hình giảm nghèo, xã Đại Hùng đã lựa chọn các hộ có lao động, có nhu cầu và cam kết chăn nuôi để hỗ trợ bò giống.</p><p>Các hộ được cán bộ thú y hướng dẫn kỹ thuật chăm sóc, phòng bệnh và ký cam kết hoàn trả giống theo quy chế luân chuyển của thôn.</p>',
    category: 'guong-dien-hinh',
    tags: ['sinh kế', 'Đại Hùng'],
    publishedAt: '2024-05-20T02:30:00.000Z',
    photos: [
      {
        svg: () => fieldScene('Trao bò giống cho hộ nghèo', '#7dd3fc', '#65a30d'),
        caption: 'Trao bò giống cho các hộ nghèo xã Đại Hùng',
        alt: 'Hình minh hoạ cánh đồng và ngôi nhà',
      },
    ],
  },
  {
    title: 'TP Sầm Sơn: triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024',
    summary:
      'Chiều 11/6, UBND thành phố Sầm Sơn tổ chức hội nghị triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024, đặt mục tiêu giảm 155 hộ nghèo.',
    body:
      '<p>Dự hội nghị có đại diện lãnh đạo Phòng Lao động – Thương binh và Xã hội, Phòng Tài chính – Kế hoạch, Ủy ban MTQG Việt Nam thành phố cùng lãnh đạo UBND các xã, phường.</p>' +
      '<p>Theo báo cáo, đầu năm 2024 toàn thành phố còn các hộ nghèo, hộ cận nghèo chủ yếu là hộ không có khả năng lao động, người cao tuổi, người khuyết tật. Năm 2024, thành phố phấn đấu <strong>giảm 155 hộ nghèo</strong>, tỷ lệ hộ nghèo giảm <strong>0,52 điểm phần trăm</strong>.</p>' +
      '<h2>Nhiệm vụ trọng tâm</h2><ul><li>Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo đúng quy trình, công khai, minh bạch;</li><li>Giải ngân vốn các dự án 2, 3, 4, 6 và 7 đúng tiến độ;</li><li>Phân công cán bộ, đảng viên giúp đỡ từng hộ nghèo thoát nghèo bền vững.</li></ul>' +
      '<p>Phát biểu kết luận, đồng chí Phó Chủ tịch UBND thành phố đề nghị các xã, phường nâng cao trách nhiệm người đứng đầu, huy động nguồn lực xã hội hoá và tăng cường giám sát của Mặt trận Tổ quốc.</p>',
    category: 'tin-tuc',
    tags: ['giảm nghèo', 'Sầm Sơn', 'hội nghị'],
    publishedAt: '2024-06-11T09:12:04.000Z',
    photos: [
      {
        svg: conferenceHall,
        caption: 'Toàn cảnh hội nghị',
        alt: 'Hình minh hoạ hội trường với băng rôn hội nghị và các hàng ghế đại biểu',
      },
      {
        svg: delegates,
        caption: 'Đại biểu dự hội nghị',
        alt: 'Hình minh hoạ hàng đại biểu ngồi sau bàn chủ toạ',
      },
    ],
    comments: [
      { name: 'Lê Thị Hoa', body: 'Mong thành phố tiếp tục quan tâm hỗ trợ nhà ở cho hộ nghèo ven biển.' },
      { name: 'Nguyễn Văn Nam', body: 'Đề nghị công khai danh sách hộ được hỗ trợ bò giống ở từng thôn.' },
    ],
  },
  {
    title: 'Thông báo niêm yết công khai danh sách hộ nghèo, hộ cận nghèo năm 2024',
    summary:
      'Danh sách dự kiến hộ nghèo, hộ cận nghèo được niêm yết tại trụ sở UBND xã, phường và nhà văn hoá thôn, tổ dân phố; người dân góp ý trong thời hạn niêm yết.',
    body: '<p>Trong thời gian niêm yết, người dân có thể gửi ý kiến, khiếu nại trực tiếp tại UBND xã, phường hoặc qua mục <a href="/gop-y">Góp ý – phản ánh</a> của cổng thông tin.</p><p>Danh sách chỉ gồm họ tên chủ hộ và thôn, tổ dân phố; không công bố số định danh cá nhân hay ngày sinh.</p>',
    category: 'thong-bao',
    tags: ['niêm yết', 'rà soát'],
    publishedAt: '2024-10-15T01:00:00.000Z',
    photos: [],
  },
  {
    title: 'Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo giai đoạn 2021–2025: đối tượng và mức hỗ trợ',
    summary:
      'Tóm tắt chính sách hỗ trợ xây mới, sửa chữa nhà ở cho hộ nghèo, hộ cận nghèo thuộc Dự án 5 của Chương trình.',
    body: '<p>Hộ nghèo, hộ cận nghèo có nhà ở thiếu kiên cố hoặc đơn sơ được xem xét hỗ trợ theo thứ tự ưu tiên do thôn, tổ dân phố bình xét.</p><p>Hồ sơ nộp tại UBND xã, phường; kết quả được công khai.</p>',
    category: 'chinh-sach',
    tags: ['nhà ở', 'chính sách'],
    publishedAt: '2024-04-02T03:00:00.000Z',
    photos: [
      {
        svg: () => fieldScene('Nhà ở được hỗ trợ xây mới', '#bae6fd', '#a3a3a3'),
        caption: 'Một ngôi nhà được hỗ trợ xây mới (minh hoạ)',
        alt: 'Hình minh hoạ ngôi nhà mái ngói',
      },
    ],
  },
  {
    title: 'Phường Trung Sơn mở lớp dạy nghề chế biến hải sản cho lao động thuộc hộ cận nghèo',
    summary: 'Lớp học 30 học viên do phường phối hợp với cơ sở giáo dục nghề nghiệp tổ chức trong 3 tháng.',
    body: '<p>Sau khoá học, học viên được giới thiệu việc làm tại các cơ sở chế biến trên địa bàn.</p>',
    category: 'tin-tuc',
    tags: ['việc làm', 'Trung Sơn'],
    publishedAt: '2024-07-03T08:00:00.000Z',
    photos: [],
  },
];

export async function seedPortal(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  for (const a of ARTICLES) {
    const article = await createArticle(deps, SYSTEM, {
      title: a.title,
      summary: a.summary,
      bodyHtml: a.body,
      categorySlug: a.category,
      tags: a.tags,
      authorName: AUTHOR,
    });
    for (const p of a.photos) {
      await addPhoto(deps, SYSTEM, article.id, { data: await jpeg(p.svg()), caption: p.caption, alt: p.alt });
    }
    await publishArticle(deps, SYSTEM, article.id, { publishAt: a.publishedAt });
    for (const c of a.comments ?? []) {
      const sent = await submitComment(deps, {
        articleId: article.id,
        name: c.name,
        body: c.body,
        captcha: await captchaFor(deps),
      });
      await moderateComment(deps, SYSTEM, sent.id, { decision: 'publish' });
    }
  }
  ctx.progress(`  ${ARTICLES.length} bài viết / articles`);
}
