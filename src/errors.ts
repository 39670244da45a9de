// The one error catalogue of giamngheo. Every error the product reports has a stable code here,
// a Vietnamese and an English message, and the HTTP status the web adapter maps it to.
// Domain and service code throw or return AppError with these codes; only the edges (HTTP, CLI)
// turn them into statuses and exit codes. Messages take {placeholders} filled from `params`.

export type Lang = 'vi' | 'en';

interface CatalogueEntry {
  readonly status: number;
  readonly vi: string;
  readonly en: string;
}

const entry = (status: number, vi: string, en: string): CatalogueEntry => ({ status, vi, en });

export const catalogue = {
  // ── general ────────────────────────────────────────────────────────────────
  INTERNAL: entry(500, 'Lỗi hệ thống. Vui lòng thử lại sau.', 'Internal error. Please try again later.'),
  NOT_FOUND: entry(404, 'Không tìm thấy {what}.', '{what} not found.'),
  ROUTE_NOT_FOUND: entry(404, 'Không có địa chỉ {method} {url}.', 'There is no route {method} {url}.'),
  VALIDATION_FAILED: entry(400, 'Dữ liệu không hợp lệ: {detail}', 'Invalid input: {detail}'),
  FIELD_REQUIRED: entry(400, 'Thiếu trường bắt buộc {field}.', 'The required field {field} is missing.'),
  FIELD_INVALID: entry(
    400,
    'Giá trị của {field} không hợp lệ: {detail}',
    'The value of {field} is invalid: {detail}',
  ),
  FIELD_TYPE: entry(400, '{field} phải là {expected}.', '{field} must be {expected}.'),
  ENUM_INVALID: entry(
    400,
    '{field} có giá trị "{value}" không nằm trong danh sách cho phép ({allowed}).',
    '{field} has the value "{value}", which is not one of the allowed values ({allowed}).',
  ),
  DATE_INVALID: entry(
    400,
    '{field} không phải ngày hợp lệ dạng YYYY-MM-DD: "{value}".',
    '{field} is not a valid YYYY-MM-DD date: "{value}".',
  ),
  JSON_MALFORMED: entry(400, 'Dòng không phải JSON hợp lệ: {detail}', 'The line is not valid JSON: {detail}'),
  CONFLICT: entry(
    409,
    'Dữ liệu đã bị người khác thay đổi (phiên bản {expected} → {actual}). Hãy xem lại cả hai phiên bản.',
    'Someone else changed this record (version {expected} → {actual}). Review both versions.',
  ),
  DUPLICATE: entry(409, '{what} đã tồn tại: {value}.', '{what} already exists: {value}.'),
  CONFIG_INVALID: entry(500, 'Cấu hình không hợp lệ: {detail}', 'Invalid configuration: {detail}'),
  DATABASE_SCHEMA_MISMATCH: entry(
    500,
    'Cơ sở dữ liệu có các bước nâng cấp cấu trúc mà phiên bản này không biết hoặc không theo thứ tự ({detail}). Hãy dùng phiên bản phần mềm mới hơn, hoặc khôi phục từ bản sao lưu.',
    'The database has schema migrations this version does not know, or not in order ({detail}). Use a newer version of the software, or restore from a backup.',
  ),
  USAGE: entry(400, 'Sai cú pháp lệnh: {detail}', 'Usage error: {detail}'),
  FILE_NOT_FOUND: entry(400, 'Không đọc được tệp {path}.', 'Cannot read the file {path}.'),
  PAYLOAD_TOO_LARGE: entry(413, 'Dữ liệu gửi lên quá lớn.', 'The request body is too large.'),
  RATE_LIMITED: entry(
    429,
    'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
    'Too many requests. Try again in a few minutes.',
  ),

  // ── accounts and access ────────────────────────────────────────────────────
  AUTH_REQUIRED: entry(401, 'Bạn cần đăng nhập.', 'You need to sign in.'),
  AUTH_INVALID_CREDENTIALS: entry(
    401,
    'Tên đăng nhập hoặc mật khẩu không đúng.',
    'The username or password is incorrect.',
  ),
  AUTH_ACCOUNT_DISABLED: entry(403, 'Tài khoản đã bị khoá.', 'This account is disabled.'),
  CSRF_INVALID: entry(
    403,
    'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF). Hãy tải lại trang.',
    'The anti-forgery (CSRF) token is missing or wrong. Reload the page.',
  ),
  FORBIDDEN_ROLE: entry(
    403,
    'Vai trò {role} không được phép thực hiện thao tác này.',
    'The role {role} is not allowed to do this.',
  ),
  FORBIDDEN_SCOPE: entry(
    403,
    'Bạn không có quyền với dữ liệu của đơn vị {unitCode}.',
    'You have no access to the data of unit {unitCode}.',
  ),
  ROLE_UNKNOWN: entry(
    400,
    'Vai trò "{role}" không tồn tại. Các vai trò: {allowed}.',
    'Unknown role "{role}". Roles: {allowed}.',
  ),
  USERNAME_TAKEN: entry(
    409,
    'Tên đăng nhập "{username}" đã được dùng.',
    'The username "{username}" is already taken.',
  ),
  PASSWORD_WEAK: entry(
    400,
    'Mật khẩu phải có ít nhất {min} ký tự.',
    'The password must be at least {min} characters long.',
  ),
  UNIT_SCOPE_REQUIRED: entry(
    400,
    'Vai trò {role} cần một đơn vị phụ trách (--unit); chỉ quản trị hệ thống có phạm vi toàn quốc.',
    'The role {role} needs a unit scope (--unit); only the administrator has a nationwide scope.',
  ),

  // ── administrative units ───────────────────────────────────────────────────
  UNIT_NOT_FOUND: entry(
    404,
    'Không có đơn vị hành chính mã {code} vào ngày {date}.',
    'No administrative unit has the code {code} on {date}.',
  ),
  UNIT_NOT_COMMUNE: entry(
    400,
    'Đơn vị {code} không phải cấp xã/phường.',
    'The unit {code} is not a commune or ward.',
  ),
  VILLAGE_NOT_FOUND: entry(404, 'Không tìm thấy thôn/tổ dân phố {id}.', 'Village {id} not found.'),

  // ── standards and classification ───────────────────────────────────────────
  STANDARD_NOT_IN_FORCE: entry(
    400,
    'Không có chuẩn nghèo nào có hiệu lực vào ngày {date}.',
    'No poverty standard is in force on {date}.',
  ),
  STANDARD_UNKNOWN: entry(400, 'Không có chuẩn nghèo mã "{code}".', 'There is no poverty standard "{code}".'),
  STANDARD_INVALID: entry(400, 'Chuẩn nghèo không hợp lệ: {detail}', 'Invalid poverty standard: {detail}'),
  AREA_UNKNOWN: entry(
    400,
    'Không xác định được khu vực (thành thị/nông thôn) của đơn vị {code} ({type}).',
    'Cannot tell whether unit {code} ({type}) is urban or rural.',
  ),
  SURVEY_INVALID: entry(400, 'Phiếu khảo sát không hợp lệ: {detail}', 'Invalid survey record: {detail}'),
  CITIZEN_ID_INVALID: entry(
    400,
    'Số định danh cá nhân {field} không hợp lệ: {detail}',
    'Citizen ID {field} is invalid: {detail}',
  ),

  // ── registry and review ────────────────────────────────────────────────────
  HOUSEHOLD_NOT_FOUND: entry(404, 'Không tìm thấy hộ {id}.', 'Household {id} not found.'),
  HOUSEHOLD_PHOTO_NOT_FOUND: entry(
    404,
    'Hộ {id} không có ảnh nhà ở gửi kèm phiếu {clientId}.',
    'Household {id} has no house photo sent with the survey {clientId}.',
  ),
  HOUSEHOLD_DUPLICATE_ID: entry(
    400,
    'Mã hộ {householdId} xuất hiện nhiều lần trong tệp.',
    'The household id {householdId} appears more than once in the file.',
  ),
  RESULT_FROZEN: entry(
    409,
    'Kết quả rà soát đã được công nhận và khoá; hãy tạo hồ sơ rà soát thường xuyên.',
    'The review result is recognised and frozen; open a regular-review case instead.',
  ),
  CAMPAIGN_STEP_OUT_OF_ORDER: entry(
    409,
    'Không thể chuyển từ bước "{from}" sang "{to}". Bước tiếp theo hợp lệ: {allowed}.',
    'Cannot go from step "{from}" to "{to}". Allowed next steps: {allowed}.',
  ),
  CAMPAIGN_NOT_FOUND: entry(404, 'Không tìm thấy đợt rà soát {id}.', 'Review campaign {id} not found.'),
  IMPORT_FILE_INVALID: entry(400, 'Tệp nhập không hợp lệ: {detail}', 'The import file is invalid: {detail}'),
  IMPORT_COLUMN_UNKNOWN: entry(
    400,
    'Cột "{column}" của bảng {table} không có trong mẫu nhập.',
    'The column "{column}" of the {table} table is not in the import template.',
  ),
  IMPORT_MEMBER_ORPHAN: entry(
    400,
    'Thành viên thuộc hộ {householdId} nhưng bảng hộ không có hộ này.',
    'A member belongs to household {householdId}, which is not in the households table.',
  ),
  HOUSEHOLD_DUPLICATE_SUSPECTED: entry(
    409,
    'Có thể trùng hộ đã có: {detail}. Kiểm tra rồi xác nhận để lưu.',
    'This may duplicate an existing household: {detail}. Check, then confirm to save.',
  ),
  CAMPAIGN_MEETING_NOT_EXPECTED: entry(
    409,
    'Thôn {village} đang ở trạng thái "{status}": chưa thể họp (đã thống nhất, hoặc phải rà soát lại trước).',
    'Village {village} is "{status}": no meeting now (already agreed, or it must be re-surveyed first).',
  ),
  MEETING_VOTES_INVALID: entry(
    400,
    'Số người đồng ý ({agreeing}) lớn hơn số người dự họp ({present}).',
    'More people agreeing ({agreeing}) than present ({present}).',
  ),
  MEETING_MINUTES_COPIES: entry(
    400,
    'Biên bản họp phải lập thành 02 bản (nhận được {copies}).',
    'The meeting minutes must be made in 2 copies (got {copies}).',
  ),
  CAMPAIGN_VILLAGES_NOT_AGREED: entry(
    409,
    'Chưa thể niêm yết: các thôn chưa thống nhất kết quả: {villages}.',
    'Cannot post yet: these villages have not agreed the results: {villages}.',
  ),
  DATE_BEFORE: entry(
    400,
    '{field} ({date}) không thể trước {before}.',
    '{field} ({date}) cannot be before {before}.',
  ),
  CAMPAIGN_COMPLAINT_OUTSIDE_WINDOW: entry(
    409,
    'Ngày nhận khiếu nại {date} nằm ngoài thời gian niêm yết {start} – {end}.',
    'The complaint date {date} is outside the posting window {start} – {end}.',
  ),
  CAMPAIGN_POSTING_WINDOW_OPEN: entry(
    409,
    'Thời gian niêm yết, nhận khiếu nại chưa kết thúc (đến hết ngày {deadline}).',
    'The posting and complaint window is still open (until the end of {deadline}).',
  ),
  CAMPAIGN_COMPLAINT_RESOLVED: entry(
    409,
    'Khiếu nại số {id} đã được giải quyết.',
    'Complaint {id} is already resolved.',
  ),
  CAMPAIGN_COMPLAINTS_OPEN: entry(
    409,
    'Còn khiếu nại chưa giải quyết: {ids}.',
    'Some complaints are not resolved yet: {ids}.',
  ),
  REGULAR_REVIEW_NO_SURVEY: entry(
    409,
    'Hồ sơ rà soát thường xuyên của hộ {id} chưa có phiếu khảo sát: hãy nhập phiếu trước khi công nhận.',
    'The regular-review case of household {id} has no survey yet: enter it before recognition.',
  ),
  // ── certificates (Mẫu số 03) and list exports
  CERTIFICATE_NOT_ELIGIBLE: entry(
    409,
    'Hộ {id} không được công nhận là hộ nghèo hoặc hộ cận nghèo trong kỳ rà soát {period} (kết quả: {classification}), nên không có Giấy chứng nhận.',
    'Household {id} is not recognised as poor or near-poor in the {period} review (result: {classification}), so it has no certificate.',
  ),
  CERTIFICATE_NOT_RECOGNISED: entry(
    409,
    'Kết quả rà soát năm {period} của {unit} chưa được Chủ tịch UBND cấp xã công nhận; chỉ cấp Giấy chứng nhận sau khi có quyết định công nhận (Mẫu số 02).',
    'The {period} review of {unit} has not been recognised by the commune chair yet; certificates are issued only after the recognition decision (Mẫu số 02).',
  ),
  PERSONAL_DATA_FORBIDDEN: entry(
    403,
    'Vai trò {role} không được xem họ tên, thông tin cá nhân của thành viên hộ.',
    'The role {role} may not see the names and personal details of household members.',
  ),

  // ── program finance ────────────────────────────────────────────────────────
  PROJECT_UNKNOWN: entry(400, 'Không có dự án mã "{code}".', 'There is no project "{code}".'),
  AMOUNT_INVALID: entry(
    400,
    '{field}: số tiền phải là số nguyên đồng dương, nhận được "{value}".',
    '{field}: the amount must be a positive whole number of đồng, got "{value}".',
  ),
  BALANCE_INSUFFICIENT: entry(
    409,
    'Số tiền {amount} vượt số dư còn lại {available} của phân bổ.',
    'The amount {amount} exceeds the available balance {available} of the allocation.',
  ),
  VOUCHER_DUPLICATE: entry(
    409,
    'Số chứng từ {voucher} đã được dùng.',
    'The voucher number {voucher} is already used.',
  ),
  DATE_BEFORE_ALLOCATION: entry(
    400,
    'Ngày giải ngân {date} trước ngày phân bổ {allocationDate}.',
    'The disbursement date {date} is before the allocation date {allocationDate}.',
  ),
  ALLOCATION_NOT_FOUND: entry(404, 'Không tìm thấy phân bổ {id}.', 'Allocation {id} not found.'),
  PROGRAM_NOT_FOUND: entry(
    404,
    'Không có chương trình "{code}" (hoặc chương trình áp dụng cho năm {year}).',
    'There is no program "{code}" (or program covering the year {year}).',
  ),
  ALLOCATION_DUPLICATE: entry(
    409,
    'Đã có phân bổ cho {key}; hãy ghi điều chỉnh (bổ sung, cắt giảm…) thay vì phân bổ mới.',
    'An allocation already exists for {key}; record an adjustment (increase, cut…) instead.',
  ),
  TRANSFER_INVALID: entry(
    400,
    'Điều chuyển/chuyển nguồn không hợp lệ: {detail}',
    'Invalid transfer or carry-over: {detail}',
  ),
  SUPPORT_EXCEEDS_DISBURSEMENT: entry(
    409,
    'Tổng hỗ trợ cho các hộ ({total}) vượt số tiền của chứng từ giải ngân {voucher} ({amount}).',
    'Support to households ({total}) exceeds the amount of disbursement voucher {voucher} ({amount}).',
  ),
  MEETING_NOT_FOUND: entry(404, 'Không tìm thấy cuộc họp {id}.', 'Meeting {id} not found.'),
  IMPORT_ROWS_INVALID: entry(
    400,
    'Tệp có {count} dòng lỗi; không dòng nào được ghi.',
    'The file has {count} invalid rows; nothing was written.',
  ),
  TASK_NOT_FOUND: entry(404, 'Không tìm thấy nhiệm vụ {id}.', 'Task {id} not found.'),

  // ── public portal ──────────────────────────────────────────────────────────
  CAPTCHA_INVALID: entry(
    400,
    'Mã xác nhận không đúng hoặc đã hết hạn. Hãy lấy mã mới.',
    'The captcha is missing, wrong or expired. Get a new one.',
  ),
  ARTICLE_NOT_FOUND: entry(404, 'Không tìm thấy bài viết {id}.', 'Article {id} not found.'),
  REVISION_NOT_FOUND: entry(
    404,
    'Bài viết {id} không có phiên bản {version}.',
    'Article {id} has no version {version}.',
  ),
  COMMENT_NOT_FOUND: entry(404, 'Không tìm thấy bình luận {id}.', 'Comment {id} not found.'),

  // ── input hygiene (periods, dates) ────────────────────────────────────────
  PERIOD_OUT_OF_RANGE: entry(
    400,
    '{field} phải là năm từ {min} đến {max}, nhận được "{value}".',
    '{field} must be a year from {min} to {max}, got "{value}".',
  ),
  DATE_IN_FUTURE: entry(
    400,
    '{field} ({date}) không thể sau ngày hôm nay ({today}).',
    '{field} ({date}) cannot be after today ({today}).',
  ),

  // ── backup ────────────────────────────────────────────────────────────────
  BACKUP_INVALID: entry(
    400,
    'Tệp {path} không phải bản sao lưu giamngheo.',
    'The file {path} is not a giamngheo backup.',
  ),
  // ── row scope and personal data (docs/decisions/0015) ──────────────────────
  HOUSEHOLD_OUT_OF_SCOPE: entry(
    403,
    'Mã hộ {id} đã được dùng cho một hộ ngoài phạm vi quản lý của bạn. Hãy dùng mã khác, hoặc đề nghị đơn vị đang quản lý hộ chuyển hộ sang.',
    'The household ID {id} is already used by a household outside your scope. Use another ID, or ask the unit that keeps the household to transfer it.',
  ),
  DUPLICATE_IN_OTHER_COMMUNE: entry(
    409,
    'Số CCCD của {name} đã có trong một hộ ở xã khác.',
    'The citizen ID of {name} is already registered in a household of another commune.',
  ),

  // ── access hardening (issue 10: permission table, sign-in, HTTP edge) ──────
  URI_TOO_LONG: entry(414, 'Địa chỉ yêu cầu quá dài.', 'The request URI is too long.'),
  URL_INVALID: entry(400, 'Địa chỉ yêu cầu không hợp lệ.', 'The request URL is malformed.'),
  AUTH_THROTTLED: entry(
    429,
    'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
    'Too many failed sign-ins. Try again in {seconds} s.',
  ),
  AUTH_ACCOUNT_UNSCOPED: entry(
    403,
    'Tài khoản chưa được gán đơn vị phụ trách. Hãy nhờ quản trị hệ thống gán đơn vị.',
    'This account has no unit. Ask the administrator to assign one.',
  ),
  PASSWORD_BLANK: entry(
    400,
    'Mật khẩu không được chỉ gồm khoảng trắng.',
    'The password may not consist of spaces only.',
  ),
  PASSWORD_IS_USERNAME: entry(
    400,
    'Mật khẩu không được trùng với tên đăng nhập.',
    'The password may not be the username.',
  ),
  PASSWORD_COMMON: entry(
    400,
    'Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
    'This password is on the list of common passwords and easy to guess. Choose another.',
  ),
  // ── imports off the request thread, upload and spreadsheet limits (decision 0016) ──
  UPLOAD_TOO_LARGE: entry(
    413,
    'Tệp tải lên vượt giới hạn {limitMb} MB.',
    'The uploaded file is larger than the limit of {limitMb} MB.',
  ),
  IMPORT_FORMAT_UNKNOWN: entry(
    400,
    'Tệp {file} không phải JSONL, CSV hay XLSX ({detail}).',
    'The file {file} is not JSONL, CSV or XLSX ({detail}).',
  ),
  XLSX_TOO_LARGE: entry(
    413,
    'Tệp XLSX khi giải nén vượt {limitMb} MB (giới hạn dung lượng giải nén).',
    'The XLSX file unzips to more than {limitMb} MB (the uncompressed size limit).',
  ),
  XLSX_RATIO_TOO_HIGH: entry(
    413,
    'Tệp XLSX nén bất thường: phần {entry} giải nén gấp hơn {limit} lần (giới hạn tỉ lệ nén).',
    'The XLSX file is abnormally compressed: the part {entry} unzips to more than {limit} times its size (the compression ratio limit).',
  ),
  XLSX_TOO_MANY_ROWS: entry(
    413,
    'Tệp XLSX có hơn {limit} dòng (giới hạn số dòng).',
    'The XLSX file has more than {limit} rows (the row limit).',
  ),
  DATABASE_BUSY: entry(
    503,
    'Cơ sở dữ liệu đang bận ghi một lần nhập lớn. Vui lòng thử lại sau ít phút.',
    'The database is busy writing a large import. Try again in a few minutes.',
  ),

  // ── official reports (issue 12: resident households, balance, standard of a review period) ──
  RESIDENT_HOUSEHOLDS_INVALID: entry(
    400,
    'Dòng {row}: {field} không hợp lệ ({detail}).',
    'Row {row}: {field} is invalid ({detail}).',
  ),
  RESIDENT_HOUSEHOLDS_FILE_INVALID: entry(
    400,
    'Tệp số hộ dân cư có {count} dòng sai; không dòng nào được ghi.',
    'The resident-household file has {count} bad rows; nothing was written.',
  ),
  REVIEW_STANDARD_NOT_ISSUED: entry(
    400,
    'Kỳ rà soát {period} (danh sách năm {listYear}) chưa có chuẩn nghèo được ban hành.',
    'The review of {period} (lists of {listYear}) has no issued poverty standard.',
  ),
  // ── framework errors in the error format (issue 10, harden) ─────────────────
  CONTENT_TYPE_UNSUPPORTED: entry(
    415,
    'Địa chỉ này không nhận dữ liệu kiểu {contentType}.',
    'This address does not accept the content type {contentType}.',
  ),
  BODY_JSON_INVALID: entry(
    400,
    'Nội dung gửi lên không phải JSON hợp lệ.',
    'The request body is not valid JSON.',
  ),
  BODY_EMPTY: entry(
    400,
    'Nội dung gửi lên trống trong khi kiểu dữ liệu là JSON.',
    'The request body is empty although its content type is JSON.',
  ),
  BODY_LENGTH_MISMATCH: entry(
    400,
    'Độ dài nội dung gửi lên không khớp với Content-Length.',
    'The request body does not match its Content-Length.',
  ),
  MULTIPART_INVALID: entry(
    400,
    'Tệp gửi lên không đúng định dạng multipart/form-data.',
    'The upload is not well-formed multipart/form-data.',
  ),
  REQUEST_INVALID: entry(400, 'Yêu cầu không hợp lệ.', 'The request is invalid.'),

  // ── operations: backups, upgrades, shutdown, health (issue 17, docs/decisions/0028) ──
  BACKUP_INCOMPLETE: entry(
    400,
    'Bản sao lưu {path} không đầy đủ: tệp bị cắt hoặc chưa ghi xong. Hãy dùng một bản sao lưu khác.',
    'The backup {path} is incomplete: the file was cut short or never finished. Use another backup.',
  ),
  BACKUP_DAMAGED: entry(
    400,
    'Bản sao lưu {path} bị hỏng ở bảng {table}: {rows} dòng đọc được, {expected} dòng đã ghi, hoặc mã kiểm tra không khớp.',
    'The backup {path} is damaged in table {table}: {rows} rows read, {expected} written, or the checksum does not match.',
  ),
  BACKUP_SCHEMA_NEWER: entry(
    400,
    'Bản sao lưu {path} được tạo bởi phiên bản phần mềm mới hơn (bước nâng cấp {migration}). Hãy dùng phiên bản mới hơn để khôi phục.',
    'The backup {path} was made by a newer version of the software (migration {migration}). Restore it with a newer version.',
  ),
  BACKUP_KEEP_INVALID: entry(
    400,
    '--keep phải là số nguyên từ 1 đến 10000, nhận được "{value}".',
    '--keep must be a whole number from 1 to 10000, got "{value}".',
  ),
  IMPORT_INTERRUPTED: entry(
    503,
    'Máy chủ đã dừng trong khi đang nhập tệp {fileName}; không dòng nào của lần nhập này được ghi. Hãy nhập lại tệp.',
    'The server stopped while importing {fileName}; no row of this import was written. Import the file again.',
  ),
  SERVER_STOPPING: entry(
    503,
    'Máy chủ đang dừng để bảo trì. Vui lòng thử lại sau ít phút.',
    'The server is stopping for maintenance. Try again in a few minutes.',
  ),
  DATABASE_UNREACHABLE: entry(503, 'Không kết nối được cơ sở dữ liệu.', 'The database cannot be reached.'),
  MIGRATIONS_PENDING: entry(
    503,
    'Cơ sở dữ liệu chưa được nâng cấp lên phiên bản này ({pending} bước nâng cấp chưa chạy).',
    'The database has not been upgraded to this version ({pending} migrations not applied).',
  ),
  // The review year's paperwork: decisions, lists, minutes, applications, reporting round (decision 0026).
  REVIEW_NOT_RECOGNISED: entry(
    409,
    'Kỳ rà soát {period} của {unit} chưa được công nhận (chưa có Quyết định theo Mẫu số 02).',
    'The {period} review of {unit} is not recognised yet (no Form 02 decision).',
  ),
  REVIEW_NOT_POSTED: entry(
    409,
    'Kỳ rà soát {period} của {unit} chưa niêm yết danh sách.',
    'The {period} review of {unit} has not posted its lists yet.',
  ),
  REVIEW_NO_MEETINGS: entry(
    409,
    'Kỳ rà soát {period} của {unit} chưa có cuộc họp thôn nào được ghi nhận.',
    'The {period} review of {unit} has no village meeting recorded.',
  ),
  APPLICATION_NOT_FOUND: entry(404, 'Không tìm thấy đơn {id}.', 'Application {id} not found.'),
  APPLICATION_DECIDED: entry(
    409,
    'Đơn {id} đã có quyết định ngày {date}; không sửa được.',
    'Application {id} was decided on {date}; it cannot be changed.',
  ),
  APPLICATION_OUTCOME_INVALID: entry(
    400,
    'Kết quả "{outcome}" không hợp với đơn theo Mẫu số {form}.',
    'Outcome "{outcome}" does not fit an application on Form {form}.',
  ),
  APPLICATION_DECIDED_BEFORE_RECEIPT: entry(
    400,
    'Ngày quyết định {decidedOn} trước ngày nhận đơn {receivedOn}.',
    'The decision date {decidedOn} is before the receipt date {receivedOn}.',
  ),
  REPORT_NOT_EXPECTED: entry(
    400,
    'Đơn vị {unit} không nộp báo cáo "{round}" kỳ {period}{month}.',
    'Unit {unit} does not submit the "{round}" report of {period}{month}.',
  ),
  REPORT_SUBMISSION_NOT_FOUND: entry(
    404,
    'Không tìm thấy báo cáo đã nộp {id}.',
    'Submitted report {id} not found.',
  ),
  // ── Fatherland Front: fund, houses, supervision (issue 16; decision 0030) ──
  FRONT_FUND_BALANCE_INSUFFICIENT: entry(
    409,
    'Số tiền {amount} vượt số dư còn lại {available} của quỹ.',
    'The amount {amount} exceeds the fund’s remaining balance {available}.',
  ),
  FRONT_FUND_NOT_FOUND: entry(404, 'Không tìm thấy quỹ {id}.', 'Fund {id} not found.'),
  FRONT_RECEIPT_DUPLICATE: entry(
    409,
    'Số biên lai {receiptNo} đã được ghi trong quỹ này.',
    'The receipt number {receiptNo} is already recorded in this fund.',
  ),
  FRONT_REASON_REQUIRED: entry(
    400,
    'Hộ {householdKey} không thuộc diện nghèo, cận nghèo: cần ghi lý do hỗ trợ.',
    'Household {householdKey} is neither poor nor near-poor: a reason for the support is required.',
  ),
  FRONT_TRANSFER_INVALID: entry(
    400,
    'Không chuyển được giữa hai quỹ: {detail}',
    'Cannot move money between these funds: {detail}',
  ),
  FRONT_HOUSE_NOT_FOUND: entry(
    404,
    'Không tìm thấy nhà Đại đoàn kết {id}.',
    'Great Solidarity house {id} not found.',
  ),
  FRONT_HOUSE_STAGE_INVALID: entry(
    409,
    'Không chuyển được nhà từ bước "{from}" sang "{to}" (bước tiếp theo: {expected}).',
    'The house cannot move from "{from}" to "{to}" (the next stage is {expected}).',
  ),
  FRONT_PLAN_NOT_FOUND: entry(
    404,
    'Không tìm thấy kế hoạch giám sát {id}.',
    'Supervision plan {id} not found.',
  ),
  FRONT_RECOMMENDATION_NOT_FOUND: entry(
    404,
    'Không tìm thấy kiến nghị {id}.',
    'Recommendation {id} not found.',
  ),
  FRONT_ATTACHMENT_NOT_FOUND: entry(404, 'Không tìm thấy tệp {id}.', 'File {id} not found.'),
  // ── offline survey: assignment package and sync (issue 15; decision 0036) ──
  OFFLINE_WIPE: entry(
    410,
    'Phân công khảo sát ngoại tuyến trên máy này đã bị thu hồi hoặc tài khoản đã bị khoá: dữ liệu trên máy được xoá.',
    'The offline survey assignment on this device was revoked or the account was disabled: the data on the device is erased.',
  ),
  OFFLINE_BATCH_TOO_LARGE: entry(
    413,
    'Mỗi lần gửi tối đa {max} phiếu; lần này có {count}.',
    'At most {max} surveys may be sent at once; this batch holds {count}.',
  ),
  OFFLINE_ITEM_HOUSEHOLD_MISMATCH: entry(
    400,
    'Phiếu {clientId}: mã hộ của phiếu ({survey}) khác mã hộ được gửi kèm ({householdId}).',
    'Survey {clientId}: the survey’s household code ({survey}) differs from the household sent with it ({householdId}).',
  ),
  OFFLINE_ITEM_OUTSIDE_ASSIGNMENT: entry(
    403,
    'Phiếu {clientId}: xã/phường {unitCode} không thuộc phân công {assignment}.',
    'Survey {clientId}: commune {unitCode} is not part of assignment {assignment}.',
  ),
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;

export type ErrorParams = Record<string, string | number | boolean | null | undefined>;

function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function messageOf(code: ErrorCode, params: ErrorParams = {}, lang: Lang = 'vi'): string {
  return fill(catalogue[code][lang], params);
}

export function statusOf(code: ErrorCode): number {
  return catalogue[code].status;
}

/** The one exception type of the product: a catalogue code, the field it concerns, and message parameters. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly params: ErrorParams;
  /** Extra machine-readable data for the client (both versions of a conflicting record, a list of row errors…). */
  readonly data: Record<string, unknown> | undefined;
  /** Messages already worded per language (an error carried over from a per-record report). */
  readonly worded: { vi: string; en: string } | undefined;

  constructor(
    code: ErrorCode,
    params: ErrorParams = {},
    options: {
      field?: string;
      data?: Record<string, unknown>;
      cause?: unknown;
      worded?: { vi: string; en: string };
    } = {},
  ) {
    super(
      options.worded?.en ?? messageOf(code, params, 'en'),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AppError';
    this.code = code;
    this.field = options.field ?? (typeof params.field === 'string' ? params.field : undefined);
    this.params = params;
    this.data = options.data;
    this.worded = options.worded;
  }

  /** The same error again from its reported body (`{code, field, message, messageEn}`), words kept. */
  static fromBody(
    body: { code: ErrorCode; field?: string | null; message: string; messageEn: string },
    data?: Record<string, unknown>,
  ): AppError {
    return new AppError(
      body.code,
      {},
      {
        ...(body.field ? { field: body.field } : {}),
        ...(data ? { data } : {}),
        worded: { vi: body.message, en: body.messageEn },
      },
    );
  }

  get status(): number {
    return statusOf(this.code);
  }

  /** The shape every adapter prints: `{ code, field?, message, messageEn, ...data }`. */
  toJSON(lang: Lang = 'vi'): ErrorBody {
    const body: ErrorBody = {
      code: this.code,
      message: this.worded?.[lang] ?? messageOf(this.code, this.params, lang),
      messageEn: this.worded?.en ?? messageOf(this.code, this.params, 'en'),
    };
    if (this.field !== undefined) body.field = this.field;
    if (this.data) Object.assign(body, this.data);
    return body;
  }
}

export interface ErrorBody {
  code: ErrorCode;
  field?: string;
  message: string;
  messageEn: string;
  [extra: string]: unknown;
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** A plain error object for per-record reporting (classify, import), without an exception. */
export function errorBody(code: ErrorCode, params: ErrorParams = {}, field?: string): ErrorBody {
  return new AppError(code, params, field === undefined ? {} : { field }).toJSON();
}
