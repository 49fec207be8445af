import type { enDemo } from "./en-demo";

// Bản dịch tiếng Việt cho nhật ký sự kiện, thông báo đổi leader, bảng điều khiển cụm demo và chế độ
// trình chiếu. Spread into vi.ts; `satisfies` fails when a key of en-demo.ts is missing here.

export const viDemo = {
  "events.title": "Nhật ký sự kiện",
  "events.description": "Những thay đổi dashboard thấy được khi thăm dò. Mới nhất ở trên cùng.",
  "events.empty": "Chưa có thay đổi nào từ khi dashboard bắt đầu theo dõi cụm này.",
  "events.nobody": "không có",
  "events.noReason": "không trả lời",
  "events.kind.leader_lost": "Mất leader: {from} không còn giữ khóa leader",
  "events.kind.leader_elected": "Leader mới: {to} (trước đó là {from})",
  "events.kind.leader_first": "Leader mới: {to}",
  "events.kind.leader_again": "{to} lại là leader",
  "events.kind.timeline_changed": "Đổi timeline {from} → {to}",
  "events.kind.node_unreachable": "Không kết nối được {member}: {reason}",
  "events.kind.node_reachable": "{member} trả lời trở lại",
  "events.kind.member_missing": "{member} không còn có trong DCS",
  "events.kind.member_back": "{member} đã có lại trong DCS",
  "events.kind.lag_over": "{member} chậm {lag}, vượt ngưỡng failover {limit}",
  "events.kind.lag_recovered": "{member} đã bắt kịp: chậm {lag}, dưới ngưỡng failover",
  "events.kind.pending_restart": "{member} cần khởi động lại để áp dụng: {params}",
  "events.kind.pending_restart_any": "{member} cần khởi động lại để áp dụng một thiết lập đã đổi",
  "events.kind.pending_restart_cleared": "{member} không còn cần khởi động lại",
  "events.kind.paused": "Bật chế độ bảo trì: tắt failover tự động",
  "events.kind.resumed": "Tắt chế độ bảo trì: failover tự động hoạt động trở lại",
  "events.kind.config_changed": "Cấu hình đã thay đổi: {keys}",

  "banner.newLeader": "Leader mới: {to} (trước đó là {from})",
  "banner.firstLeader": "Leader mới: {to}",
  "banner.leaderAgain": "{to} lại là leader",
  "banner.timeline": "chuyển timeline {from} → {to}",
  "banner.dismiss": "Đóng",
  "banner.dismissLabel": "Đóng thông báo leader mới",

  "demo.badgeTitle": "Do chính dashboard mô phỏng: không có cơ sở dữ liệu thật phía sau",
  "demo.panel.title": "Điều khiển cụm demo",
  "demo.panel.description":
    "Ba nút Patroni mô phỏng, trả lời REST API như Patroni thật. Chọn một kịch bản và xem màn hình phản ứng.",
  "demo.panel.nodes": "Các nút mô phỏng (REST API)",
  "demo.panel.try": "Thử trong terminal:",
  "demo.panel.loading": "Đang đọc các nút mô phỏng…",
  "demo.panel.unavailable": "Không dùng được bảng điều khiển demo ({reason}).",
  "demo.panel.scenarios": "Kịch bản",
  "demo.panel.last": "Kịch bản gần nhất: {scenario}",
  "demo.panel.sending": "Đang bắt đầu “{scenario}”…",
  "demo.panel.started": "Đã bắt đầu kịch bản “{scenario}”. Hãy theo dõi sơ đồ và nhật ký sự kiện.",
  "demo.panel.refused": "Cụm demo chưa thể chạy “{scenario}” lúc này. Lý do:",
  "demo.panel.failed": "Không gửi được kịch bản: {reason}",

  "demo.scenario.healthy": "Trở lại bình thường",
  "demo.scenario.healthy.desc":
    "Khởi động lại nút đang dừng, bỏ tạm dừng, hoàn tác thiết lập: ba nút lại đồng bộ WAL.",
  "demo.scenario.switchover": "Chuyển giao chủ động (switchover)",
  "demo.scenario.switchover.desc":
    "Chuyển giao có kế hoạch: leader rút lui, bản sao đồng bộ lên thay trong khoảng 3 giây.",
  "demo.scenario.failover": "Chuyển đổi dự phòng (failover)",
  "demo.scenario.failover.desc":
    "Leader bị sập; khi khóa của nó hết hạn (~20 giây), bản sao đồng bộ được nâng lên, timeline +1.",
  "demo.scenario.lag-spike": "Độ trễ tăng vọt",
  "demo.scenario.lag-spike.desc":
    "Một bản sao bất đồng bộ ngừng nhận WAL trong 35 giây: độ trễ vượt ngưỡng failover.",
  "demo.scenario.node-down": "Một nút ngừng",
  "demo.scenario.node-down.desc":
    "Patroni của một bản sao bất đồng bộ dừng: REST API từ chối kết nối cho đến khi trở lại bình thường.",
  "demo.scenario.maintenance": "Chế độ bảo trì",
  "demo.scenario.maintenance.desc":
    "Tạm dừng Patroni: không có failover tự động cho đến khi trở lại bình thường.",
  "demo.scenario.pending-restart": "Chờ khởi động lại",
  "demo.scenario.pending-restart.desc": "Đổi max_connections: mọi nút báo cần khởi động lại.",
  "demo.scenario.leaderless": "Không có leader",
  "demo.scenario.leaderless.desc":
    "Bản sao đồng bộ chết, rồi đến leader: không nút nào được nâng lên, cụm không có leader.",

  "demo.scenario.cascade": "Bản sao nối tầng (cascade)",
  "demo.scenario.cascade.desc":
    "Bản sao bất đồng bộ được gắn tag replicatefrom: nó nhận WAL từ bản sao đồng bộ chứ không từ leader. Sơ đồ vẽ ra chuỗi này.",
  "demo.scenario.nofailover": "Không bao giờ nâng một bản sao",
  "demo.scenario.nofailover.desc":
    "Bản sao bất đồng bộ được gắn tag nofailover: vẫn sao chép nhưng Patroni sẽ không bao giờ cho nó làm leader. Xem mục sẵn sàng failover.",
  "demo.scenario.replay-paused": "Tạm dừng áp dụng WAL",
  "demo.scenario.replay-paused.desc":
    "Bật chế độ bảo trì, rồi gọi pg_wal_replay_pause() trên bản sao bất đồng bộ: WAL vẫn đến nhưng không được áp dụng, nên độ trễ replay tăng dần.",
  "demo.scenario.quorum": "Commit theo quorum",
  "demo.scenario.quorum.desc":
    "Patroni 4: synchronous_mode chuyển sang quorum. Mọi bản sao là quorum standby; một commit chỉ cần chờ một bản sao bất kỳ xác nhận.",
  "demo.scenario.dcs-lost": "Leader mất kết nối DCS",
  "demo.scenario.dcs-lost.desc":
    "Leader không còn liên lạc được với etcd: nó tự hạ cấp sau vài giây để không bao giờ có hai primary; khi khóa hết hạn (~20 giây) bản sao đồng bộ lên thay.",
  "demo.scenario.scheduled-switchover": "Switchover theo lịch",
  "demo.scenario.scheduled-switchover.desc":
    "Một switchover được hẹn trước 30 giây: /cluster hiện scheduled_switchover cho đến lúc đó, rồi leader chuyển giao đúng giờ.",
  "demo.scenario.restart": "Khởi động lại các nút chờ",
  "demo.scenario.restart.desc":
    "Khởi động lại lần lượt từng nút báo pending_restart (chạy “Chờ khởi động lại” trước): cờ này biến mất khi từng nút chạy lại.",

  "demo.exercises.title": "Bài tập có hướng dẫn",
  "demo.exercises.description":
    "Các bài Lab 1–3. Mỗi bài được đánh dấu khi dashboard thấy nó xảy ra, cho tất cả mọi người đang xem demo này.",
  "demo.exercises.lab": "Bài lab {lab}",
  "demo.exercises.progress": "Đã xong {done}/{total}",
  "demo.exercises.done": "Đã xong",
  "demo.exercises.todo": "Chưa",
  "demo.exercises.reset": "Làm lại từ đầu",
  "demo.exercises.openExplorer": "Mở công cụ khám phá của",
  "demo.exercises.loading": "Đang đọc danh sách bài tập…",
  "demo.exercises.unavailable": "Không dùng được danh sách bài tập ({reason}).",
  "demo.exercise.find-primary": "Tìm primary: GET /primary trong công cụ khám phá REST API của một nút",
  "demo.exercise.find-primary.done": "{member} trả lời 200: đó là primary",
  "demo.exercise.root-503": "Tìm một nút trả lời 503 cho GET /",
  "demo.exercise.root-503.done": "{member} trả lời 503: / hỏi “bạn có phải primary không?”",
  "demo.exercise.pause": "Tạm dừng cụm (chế độ bảo trì)",
  "demo.exercise.pause.done": "Dashboard đã thấy cụm bị tạm dừng",
  "demo.exercise.switchover": "Thực hiện switchover và xem /primary chuyển sang nút khác",
  "demo.exercise.switchover.done": "Leader {from} → {member}",
  "demo.exercise.failover": "Tắt leader và theo dõi failover",
  "demo.exercise.failover.done": "Leader {from} → {member}, sau khi mất {from}",

  "present.enter": "Chế độ trình chiếu",
  "present.exit": "Thoát chế độ trình chiếu",
} as const satisfies Record<keyof typeof enDemo, string>;
