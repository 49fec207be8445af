import type { enPosture } from "./en-posture";

// Bản tiếng Việt của phần bảo mật REST API (Lab 4). Spread into vi.ts.

export const viPosture = {
  "posture.title": "Bảo mật REST API (TLS)",
  "posture.description":
    "Dashboard kết nối tới REST API của từng node ra sao: HTTP thường hay HTTPS, và với HTTPS là chứng chỉ node đưa ra trên kết nối TLS của chính dashboard (với CA đã cấu hình cho cụm).",
  "posture.col.node": "Node",
  "posture.col.scheme": "Giao thức",
  "posture.col.certificate": "Chứng chỉ",
  "posture.http": "HTTP (không mã hóa)",
  "posture.https": "HTTPS (có mã hóa)",
  "posture.subject": "Chủ thể (subject)",
  "posture.altNames": "Tên thay thế (SAN)",
  "posture.issuer": "Nơi cấp (issuer)",
  "posture.validTo": "Hiệu lực đến",
  "posture.daysLeft": "còn {days} ngày",
  "posture.expiredAgo": "đã hết hạn {days} ngày trước",
  "posture.hostOk": "khớp với host {host}",
  "posture.hostMismatch": "không khớp với host {host}",
  "posture.trusted": "được CA đã cấu hình tin cậy",
  "posture.untrusted": "không được tin cậy ({reason})",
  "posture.notRead": "Chưa đọc: dashboard đọc chứng chỉ của từng node ngay sau khi khởi động.",
  "posture.readFailed": "Không đọc được chứng chỉ: {error}",
  "posture.readAt": "đọc lúc",
  "posture.noCert": "Không có chứng chỉ: REST API dùng HTTP thường.",
  "posture.authPlain":
    "Đã cấu hình xác thực REST, nhưng {count} node dùng HTTP thường: tên đăng nhập và mật khẩu đi qua mạng dưới dạng văn bản rõ (restapi.certfile của Patroni bật HTTPS).",
  "posture.authNone":
    "Dashboard không được cấu hình thông tin đăng nhập REST API cho cụm này (việc đọc không cần).",
  "posture.authOk": "Đã cấu hình xác thực REST, và mọi node đều dùng HTTPS: mật khẩu chỉ được gửi đã mã hóa.",

  "alert.tls_cert_expiring.title": "Chứng chỉ sắp hết hạn",
  "alert.tls_cert_expiring.explanation":
    "Chứng chỉ REST API của {member} hết hạn sau {daysLeft} ngày: sau đó các client có kiểm tra chứng chỉ (health check của HAProxy, patronictl, dashboard này) sẽ từ chối node.",
  "alert.tls_cert_expiring.explanation.expired":
    "Chứng chỉ REST API của {member} đã hết hạn {daysAgo} ngày trước: các client có kiểm tra chứng chỉ (health check của HAProxy, patronictl, dashboard này) từ chối node.",
  "alert.tls_cert_expiring.check":
    "Cấp chứng chỉ mới cho node, thay restapi.certfile rồi chạy `patronictl reload`; `openssl x509 -enddate -noout -in <certfile>` cho biết ngày hết hạn.",
  "alert.tls_hostname_mismatch.title": "Chứng chỉ không khớp host",
  "alert.tls_hostname_mismatch.explanation":
    "Chứng chỉ REST API của {member} không có tên {host}, host mà dashboard kết nối tới (chứng chỉ ghi: {names}): client có kiểm tra sẽ từ chối.",
  "alert.tls_hostname_mismatch.check":
    "subjectAltName của chứng chỉ (`openssl x509 -ext subjectAltName -noout -in <certfile>`): phải liệt kê tên DNS hoặc địa chỉ IP mà client dùng.",
  "problem.tls_cert_expiring.title": "Chứng chỉ sắp hết hạn",
  "problem.tls_cert_expiring.desc":
    "Chứng chỉ REST API của node hết hạn trong vòng hai tuần, hoặc đã hết hạn.",
  "problem.tls_hostname_mismatch.title": "Chứng chỉ không khớp host",
  "problem.tls_hostname_mismatch.desc":
    "Chứng chỉ REST API của node không có tên host mà client kết nối tới.",
} satisfies Record<keyof typeof enPosture, string>;
