// The one permission table of giamngheo: which role may do what. The API routes declare a
// permission (src/http/access.ts), the services check it (requirePermission in
// src/services/access.ts), and the web app's menus and buttons read the same rows
// (src/web/src/modules.tsx), so a role never sees a button that answers FORBIDDEN_ROLE.
// A new role is one entry in ROLES plus its name in the rows it may do; a new permission is one
// row. What a permission lets a role touch is further limited to the account's unit (the scope,
// src/services/access.ts); the administrator alone may have a nationwide scope.
// Pure data and two functions: the server and the browser both import this file, so it imports
// nothing.

export const ROLES = [
  'admin',
  'province-officer',
  'commune-officer',
  'finance-officer',
  'supervisor',
  'editor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

interface PermissionRow {
  /** The roles holding the permission. The administrator is listed explicitly in every row. */
  readonly roles: readonly Role[];
  /** What the permission allows, for the README's security table (Vietnamese, then English). */
  readonly vi: string;
  readonly en: string;
}

const EVERYONE = ROLES;

export const PERMISSIONS = {
  'units.read': {
    roles: EVERYONE,
    vi: 'Xem đơn vị hành chính và thôn, tổ dân phố',
    en: 'Read administrative units and villages',
  },
  'reference.read': {
    roles: EVERYONE,
    vi: 'Xem danh mục: chương trình, dự án, chuẩn nghèo, quy tắc gợi ý dự án, chuyên mục cổng',
    en: 'Read reference data: programs, projects, poverty standards, matching rules, portal sections',
  },
  'classification.run': {
    roles: EVERYONE,
    vi: 'Chấm điểm thử phiếu khảo sát theo chuẩn nghèo (không ghi gì)',
    en: 'Classify survey records against a standard (writes nothing)',
  },
  'villages.write': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Thêm thôn, tổ dân phố',
    en: 'Add villages',
  },
  'registry.read': {
    roles: ['admin', 'province-officer', 'commune-officer', 'finance-officer', 'supervisor'],
    vi: 'Xem sổ hộ, đợt rà soát, báo cáo tổng hợp, xuất danh sách',
    en: 'Read the household registry, review campaigns, summaries, list exports',
  },
  'registry.personal-data': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Xem thông tin cá nhân (họ tên, ngày sinh, số định danh, địa chỉ, câu trả lời khảo sát) và in giấy chứng nhận; vai trò khác thấy chữ viết tắt',
    en: 'See personal data (names, birth dates, citizen IDs, addresses, survey answers) and print certificates; other roles see initials',
  },
  'registry.write': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Ghi phiếu khảo sát, sửa hộ, nhập tệp khảo sát',
    en: 'Save surveys, edit households, import survey files',
  },
  // The offline survey (issue 15, decision 0036): a device takes the commune's households with names,
  // birth dates, citizen IDs and answers out of the office, so it is a right of its own.
  'offline.survey': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Tải gói khảo sát ngoại tuyến của xã (kèm thông tin cá nhân) và gửi các phiếu đã nhập khi không có mạng',
    en: 'Download a commune’s offline survey package (with personal data) and send the surveys entered without a connection',
  },
  'registry.rebuild': {
    roles: ['admin', 'province-officer'],
    vi: 'Tính lại số liệu tổng hợp của sổ hộ',
    en: 'Rebuild the registry aggregates',
  },
  'campaign.decide': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Chuyển bước đợt rà soát: họp thôn, niêm yết, khiếu nại, kết thúc niêm yết, công nhận',
    en: 'Move a review campaign on: village meeting, posting, complaints, end of posting, recognition',
  },
  // The review year's paperwork (decision 0026).
  'applications.manage': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Vào sổ đơn đề nghị (Mẫu 01, Mẫu 04), ghi quyết định công nhận hoặc từ chối có lý do',
    en: 'Enter applications (Forms 01, 04) in the register, record the recognition or the refusal with reasons',
  },
  'reports.submit': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Nộp báo cáo của kỳ báo cáo (tháng, sơ bộ, chính thức); bản đã nộp không sửa được',
    en: 'Submit a report of the reporting round (monthly, preliminary, official); a submitted version is frozen',
  },
  'reports.board': {
    roles: ['admin', 'province-officer', 'commune-officer', 'supervisor'],
    vi: 'Xem bảng theo dõi nộp báo cáo: đơn vị đã nộp, đơn vị trễ hạn',
    en: 'Read the reporting board: which units have submitted and which are late',
  },
  'standards.manage': {
    roles: ['admin', 'province-officer'],
    vi: 'Đăng ký chuẩn nghèo của địa phương',
    en: 'Register a local poverty standard',
  },
  'programs.manage': {
    roles: ['admin', 'province-officer'],
    vi: 'Thêm, sửa dự án, tiểu dự án của chương trình',
    en: 'Add and edit the program’s projects and components',
  },
  'finance.read': {
    roles: ['admin', 'province-officer', 'commune-officer', 'finance-officer', 'supervisor'],
    vi: 'Xem kinh phí, chỉ tiêu, báo cáo, đề xuất, gợi ý dự án, nhiệm vụ và tệp đính kèm',
    en: 'Read funds, targets, reports, proposals, project suggestions, tasks and attachments',
  },
  'finance.write': {
    roles: ['admin', 'finance-officer'],
    vi: 'Ghi phân bổ, điều chỉnh, giải ngân; nhập Excel kinh phí',
    en: 'Record allocations, adjustments and disbursements; import the funds workbooks',
  },
  'finance.plan': {
    roles: ['admin', 'province-officer', 'finance-officer'],
    vi: 'Đặt chỉ tiêu giảm nghèo',
    en: 'Set poverty-reduction targets',
  },
  'finance.support': {
    roles: ['admin', 'commune-officer', 'finance-officer'],
    vi: 'Ghi hỗ trợ cho hộ',
    en: 'Record support given to a household',
  },
  'finance.rebuild': {
    roles: ['admin'],
    vi: 'Tính lại số liệu tổng hợp của kinh phí',
    en: 'Rebuild the finance aggregates',
  },
  'tasks.assign': {
    roles: ['admin', 'province-officer', 'finance-officer'],
    vi: 'Ghi cuộc họp và giao nhiệm vụ',
    en: 'Record meetings and assign tasks',
  },
  'tasks.follow-up': {
    roles: ['admin', 'province-officer', 'commune-officer', 'finance-officer'],
    vi: 'Cập nhật tiến độ nhiệm vụ (kèm tệp), báo vướng mắc của một phân bổ',
    en: 'Report progress on a task (with attachments), raise an issue on an allocation',
  },
  'portal.edit': {
    roles: ['admin', 'editor'],
    vi: 'Viết, đăng, gỡ bài và ảnh trên cổng; sửa thông tin trang',
    en: 'Write, publish and withdraw portal articles and photos; edit the site settings',
  },
  'portal.moderate': {
    roles: ['admin', 'supervisor', 'editor'],
    vi: 'Kiểm duyệt bình luận',
    en: 'Moderate comments',
  },
  'feedback.triage': {
    roles: ['admin', 'province-officer', 'commune-officer', 'supervisor'],
    vi: 'Xem và trả lời góp ý, phản ánh của người dân',
    en: 'Read and answer citizens’ feedback',
  },
  // ── personal data protection (issue 17; docs/decisions/0027-personal-data.md) ──
  'access-log.read': {
    roles: ['admin', 'commune-officer'],
    vi: 'Xem, xuất nhật ký truy cập dữ liệu cá nhân (ai đã xem, xuất hộ nào, danh sách nào) của đơn vị mình',
    en: 'Read and export the access record (who read or exported which household or list) of one’s own unit',
  },
  'privacy.retention': {
    roles: ['admin'],
    vi: 'Xoá (kèm lưu trữ) dữ liệu của hộ đã ra khỏi sổ quá thời hạn lưu giữ',
    en: 'Erase (with an archive) the data of households that left the registry past the retention period',
  },
  // Fatherland Front (issue 16): the Front's own records, written by the Front (the supervisor
  // role) within its unit; the addressed People's Committee's officers answer its recommendations.
  'front.read': {
    roles: ['admin', 'province-officer', 'commune-officer', 'finance-officer', 'supervisor'],
    vi: 'Xem quỹ "Vì người nghèo", nhà Đại đoàn kết, kế hoạch giám sát và kiến nghị của Mặt trận',
    en: 'Read the Front’s Fund for the Poor, Great Solidarity houses, supervision plans and recommendations',
  },
  'front.write': {
    roles: ['admin', 'supervisor'],
    vi: 'Ghi thu, chi, điều chuyển quỹ "Vì người nghèo"; nhà Đại đoàn kết; kế hoạch, cuộc giám sát và kiến nghị',
    en: 'Record the Fund for the Poor’s receipts, spending and transfers; Great Solidarity houses; supervision plans, visits and recommendations',
  },
  'front.answer': {
    roles: ['admin', 'province-officer', 'commune-officer'],
    vi: 'Trả lời kiến nghị của Mặt trận gửi Ủy ban nhân dân của đơn vị mình',
    en: 'Answer the Front’s recommendations addressed to one’s own People’s Committee',
  },
  'users.manage': {
    roles: ['admin'],
    vi: 'Tạo và xem tài khoản',
    en: 'Create and list accounts',
  },
  'system.metrics': {
    roles: ['admin'],
    vi: 'Xem số đo vận hành của máy chủ (/metrics)',
    en: 'Read the server’s operating metrics (/metrics)',
  },
} as const satisfies Record<string, PermissionRow>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** Whether `role` holds `permission`. Unknown roles (a stale session, a typo) hold nothing. */
export function can(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly string[]).includes(role);
}

/** The roles holding `permission`, in the order of ROLES. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}

/** The permissions `role` holds, in the order of the table. */
export function permissionsOf(role: string): Permission[] {
  return PERMISSION_NAMES.filter((p) => can(role, p));
}

/**
 * Only the administrator may have a nationwide scope (an account without a unit); every other
 * role works within one unit and its units below (docs/decisions/0013-permission-table.md).
 */
export function roleMayBeNational(role: Role): boolean {
  return role === 'admin';
}
