import type { enWall } from "./en-wall";

// Thông điệp tiếng Việt của màn hình tường (/wall). Spread into vi.ts; `satisfies` fails when a key of
// en-wall.ts is missing here.

export const viWall = {
  "wall.title": "Màn hình tường",
  "wall.count.crit": "Nghiêm trọng",
  "wall.count.warn": "Cảnh báo",
  "wall.count.unknown": "Không rõ",
  "wall.count.ok": "Khỏe mạnh",
  "wall.clusters": "{count} cụm",
  "wall.dataAsOf": "dữ liệu lúc {time}",
  "wall.dataNever": "chưa có dữ liệu",
  "wall.heartbeat.live": "trực tiếp",
  "wall.heartbeat.stopped": "đã dừng",
  "wall.heartbeat.title": "Nhịp khi dữ liệu mới đến; dừng khi không còn cập nhật",
  "wall.stale.title": "KHÔNG TRỰC TIẾP: màn hình này không còn cập nhật",
  "wall.stale.server":
    "Không kết nối được máy chủ của dashboard ({reason}). Mọi thứ hiển thị là từ {time} và có thể sai.",
  "wall.stale.data": "Dữ liệu mới nhất đã cũ {age} (giới hạn {limit}). Mọi thứ hiển thị có thể sai.",
  "wall.stale.tab": "KHÔNG TRỰC TIẾP",
  "wall.empty": "Chưa cấu hình cụm nào",
  "wall.tooSmall": "Màn hình này quá nhỏ để hiển thị {count} cụm ở cỡ chữ dễ đọc",
  "wall.members": "{up}/{expected} hoạt động",
  "wall.noLeader": "không có leader",
  "wall.lag": "trễ {lag}",
  "wall.timeline": "TL {timeline}",
  "wall.rotation": "Đang xem {name} ({index}/{count}) · quay lại tất cả các cụm sau {seconds} giây",
  "wall.rotationBoard": "Tất cả các cụm · tiếp theo: {name} sau {seconds} giây",
  "wall.detail.alerts": "Cảnh báo",
  "wall.detail.noAlerts": "Không có cảnh báo",
  "wall.detail.members": "Thành viên",
  "wall.detail.lag": "Độ trễ sao chép",
  "wall.detail.topology": "Cấu trúc",
  "wall.detail.moreAlerts": "+{count} cảnh báo khác",
  "wall.detail.moreMembers": "+{count} thành viên khác",
  "wall.detail.col.member": "Thành viên",
  "wall.detail.col.role": "Vai trò",
  "wall.detail.col.state": "Trạng thái",
  "wall.detail.col.lag": "Độ trễ",
  "wall.detail.col.timeline": "TL",
} as const satisfies Record<keyof typeof enWall, string>;
