import type { enExplorer } from "./en-explorer";

// Bản dịch tiếng Việt cho công cụ khám phá REST API (Lab 1). Spread into vi.ts.

export const viExplorer = {
  "explorer.title": "Khám phá REST API (Lab 1)",
  "explorer.description":
    "Gửi một trong các yêu cầu GET của khóa học tới node này và xem câu trả lời như `curl -i` in ra: dòng trạng thái đúng như Patroni gửi, các header và phần thân.",
  "explorer.paths": "Đường dẫn",
  "explorer.notInVersion": "Không có trong Patroni {version}",
  "explorer.pick": "Chọn một đường dẫn để gửi tới {member}.",
  "explorer.sending": "Đang hỏi {member}…",
  "explorer.noAnswer": "Không có câu trả lời HTTP: {error}",
  "explorer.failed": "Dashboard từ chối yêu cầu: {error}",
  "explorer.exchange": "Câu trả lời từ {member}",
  "explorer.elapsed": "trả lời sau {ms} ms",
  "explorer.curl": "Cùng yêu cầu đó bằng curl",
  "explorer.copy": "Sao chép",
  "explorer.copied": "Đã sao chép",
  "explorer.truncated": "Phần thân dài hơn những gì hiển thị ở đây.",
  "explorer.credentials":
    "REST API yêu cầu mật khẩu: thay USER:PASSWORD bằng người dùng và mật khẩu của cụm.",
  "explorer.limit": "Mỗi node chỉ nhận vài yêu cầu khám phá mỗi phút, lần lượt từng cái một.",
} as const satisfies Record<keyof typeof enExplorer, string>;
