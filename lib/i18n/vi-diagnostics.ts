import type { enDiagnostics } from "./en-diagnostics";
import { viAlerts } from "./vi-alerts";

// Bản dịch tiếng Việt cho các màn hình sức khỏe cụm: cảnh báo, mức sẵn sàng failover, ma trận endpoint
// và định tuyến HAProxy, tệp haproxy.cfg, trang node và cấu hình động. Spread into vi.ts;
// `satisfies` fails when a key of en-diagnostics.ts is missing here.

export const viDiagnostics = {
  ...viAlerts,
  "alerts.title": "Cảnh báo",
  "alerts.count": "{count} đang có",
  "alerts.none": "Không có cảnh báo: mọi kiểm tra đều đạt",
  "alerts.for": "đã {duration}",
  "alerts.check": "Cần kiểm tra",
  "alerts.noAnswer": "không trả lời",

  "readiness.title": "Mức sẵn sàng failover",
  "readiness.description":
    "Nếu leader hỏng ngay lúc này, có bản sao nào thay thế được không? Theo chính quy tắc của Patroni: đang chạy, không có tag nofailover, trễ không quá maximum_lag_on_failover, cùng timeline với leader, và ở chế độ đồng bộ thì chỉ bản sao đồng bộ.",
  "readiness.verdict.safe.one": "An toàn: 1 ứng viên ({names})",
  "readiness.verdict.safe.many": "An toàn: {count} ứng viên ({names})",
  "readiness.verdict.unsafe": "Không an toàn: {reasons}",
  "readiness.verdict.unknown": "Chưa rõ: {reasons}",
  "readiness.col.member": "Bản sao",
  "readiness.col.candidate": "Thay được leader",
  "readiness.col.why": "Lý do không",
  "readiness.yes": "Có",
  "readiness.no": "Không",
  "readiness.noReplicas": "Chưa biết bản sao nào.",

  "matrix.title": "Các endpoint kiểm tra sức khỏe",
  "matrix.description":
    "REST API của từng node trả lời gì trên các endpoint kiểm tra sức khỏe của Patroni (GET). 200 nghĩa là có, 503 nghĩa là không: HAProxy và các bộ cân bằng tải khác định tuyến theo các câu trả lời này.",
  "matrix.col.endpoint": "Endpoint (đường dẫn)",
  "matrix.probed": "Lần kiểm tra",
  "matrix.every": "mỗi {interval}",
  "matrix.off": "Việc kiểm tra endpoint đang tắt trong cấu hình dashboard (probe_interval).",
  "matrix.pending": "Chưa kiểm tra: lượt đầu tiên chạy ngay sau khi khởi động.",
  "matrix.yes": "có",
  "matrix.no": "không",
  "matrix.notInVersion": "phiên bản này không có",
  "matrix.notProbed": "chưa kiểm tra",
  "matrix.unmatched": "node chưa khớp member",
  "matrix.explain.root":
    'Chính là /primary của Patroni dưới tên khác: 200 chỉ trên leader, 503 trên mọi bản sao. Không có nghĩa là "Patroni đang chạy".',
  "matrix.explain.patroni":
    "Trạng thái của node dạng JSON: 200 mỗi khi Patroni chạy, bất kể vai trò (lấy từ lượt poll thường, không hỏi hai lần).",
  "matrix.explain.primary": "Chỉ leader: node giữ khóa leader và nhận thao tác ghi.",
  "matrix.explain.replica": "Bản sao đang chạy, trừ khi có tag noloadbalance.",
  "matrix.explain.read_write": "Cùng quy tắc với /primary: nơi có thể ghi dữ liệu.",
  "matrix.explain.read_only": "Leader và các bản sao: mọi node phục vụ được truy vấn đọc.",
  "matrix.explain.synchronous": "Bản sao đồng bộ (sync_state là sync).",
  "matrix.explain.asynchronous": "Bản sao không phải bản sao đồng bộ.",
  "matrix.explain.health": "PostgreSQL đang chạy, bất kể vai trò.",
  "matrix.explain.liveness": "Vòng lặp HA của Patroni đang chạy (không bị treo quá ttl).",
  "matrix.explain.readiness": "Leader, hoặc bản sao đang nhận WAL và không trễ quá xa.",
  "matrix.explain.standby_leader":
    "Leader của một cụm dự phòng (standby cluster); trong cụm thường luôn là 503.",
  "matrix.explain.quorum": "Bản sao quorum ở chế độ commit theo quorum (Patroni 4).",
  "matrix.explain.replica_lag": "Bản sao trễ không quá mức lag đã cho (ở đây là maximum_lag_on_failover).",

  "routing.title": "Định tuyến HAProxy",
  "routing.description":
    "Một HAProxy cấu hình như trong khóa học sẽ chuyển kết nối tới đâu lúc này: máy chủ là UP khi endpoint của nó trả lời 200.",
  "routing.col.listener": "Cổng lắng nghe",
  "routing.col.check": "Kiểm tra",
  "routing.col.servers": "Máy chủ",
  "routing.listener.primary": "primary: ghi",
  "routing.listener.replicas": "replicas: đọc",
  "routing.listener.read_write": "read-write: đọc ghi",
  "routing.listener.read_only": "read-only: đọc, gồm cả primary",
  "routing.up": "UP (nhận kết nối)",
  "routing.down": "DOWN (không nhận)",
  "routing.unknown": "không trả lời",
  "routing.noServer": "Không máy chủ nào UP: kết nối tới cổng này sẽ thất bại.",

  "haproxy.title": "Tệp haproxy.cfg được sinh ra",
  "haproxy.description":
    "Cấu hình HAProxy với bốn cổng lắng nghe ở trên, cho các member hiện tại của cụm. Chỉ sinh khi bạn yêu cầu, không tự làm mới.",
  "haproxy.show": "Xem haproxy.cfg",
  "haproxy.regenerate": "Sinh lại",
  "haproxy.loading": "Đang sinh…",
  "haproxy.failed": "Không lấy được haproxy.cfg: {reason}",
  "haproxy.copy": "Sao chép",
  "haproxy.copied": "Đã sao chép",
  "haproxy.copyFailed": "Sao chép thất bại",
  "haproxy.download": "Tải xuống",
  "haproxy.label": "haproxy.cfg cho cụm {name}",
  "haproxy.noteTitle": "Vì sao không dùng tcp-check như trong khóa học?",
  "haproxy.note":
    "Khóa học kiểm tra máy chủ bằng `option tcp-check` và `tcp-check expect string HTTP/1.1\\ 200`. REST API của Patroni (http.server của Python) trả lời `HTTP/1.0 200 OK`, nên chuỗi đó không bao giờ khớp và mọi máy chủ đều nằm ở trạng thái DOWN. Tệp này dùng `option httpchk` với `http-check expect status 200`, đọc mã trạng thái bất kể phiên bản HTTP.",

  "node.back": "Cụm {name}",
  "node.heading": "Node {member}",
  "node.description":
    "Kết quả GET /patroni của chính node này, giải thích từng trường, theo lần thăm dò gần nhất của dashboard.",
  "node.open": "Mở chi tiết /patroni của {member}",
  "node.unreachable":
    "REST API của node không trả lời ({reason}): các giá trị dưới đây là từ lần trả lời cuối cùng.",
  "node.never": "Node này chưa trả lời lần nào: chưa có gì để giải thích.",
  "node.lastAnswer": "Trả lời gần nhất:",
  "node.fields": "/patroni cho biết gì",
  "node.col.field": "Trường",
  "node.col.value": "Giá trị",
  "node.col.meaning": "Ý nghĩa",
  "node.raw": "JSON gốc của lần trả lời /patroni gần nhất",
  "node.rawNone": "Chưa ghi nhận câu trả lời nào.",
  "node.yes": "có",
  "node.no": "không",
  "node.none": "không có",
  "node.notReported": "phiên bản này không báo",
  "node.bytes": "{bytes} byte",
  "node.field.role": "Vai trò",
  "node.explain.role":
    "Node tự nhận là gì: primary (giữ khóa leader, ghi được) hoặc replica (bản sao). Patroni 3 ghi là master.",
  "node.field.dcsRole": "Vai trò trong DCS",
  "node.explain.dcsRole": "Vai trò mà /cluster gán cho member này: leader, sync standby, replica…",
  "node.field.state": "Trạng thái",
  "node.explain.state":
    "Patroni thấy PostgreSQL của nó thế nào: running, streaming, stopped, starting, crashed…",
  "node.field.replicationState": "Trạng thái sao chép",
  "node.explain.replicationState":
    "Bản sao lấy WAL từ đâu: streaming từ node nguồn, hay in archive recovery (từ kho lưu WAL). Có từ Patroni 3.0.4.",
  "node.field.timeline": "Timeline",
  "node.explain.timeline":
    "Tăng thêm một sau mỗi lần promote; bản sao phải cùng timeline với leader mới theo được nó.",
  "node.field.walLocation": "Vị trí WAL hiện tại",
  "node.explain.walLocation":
    "Vị trí ghi của primary (pg_current_wal_lsn): mọi thứ đã ghi tới thời điểm này.",
  "node.field.walReceived": "Vị trí WAL đã nhận",
  "node.explain.walReceived": "Bản sao này đã nhận WAL tới đâu (pg_last_wal_receive_lsn).",
  "node.field.walReplayed": "Vị trí WAL đã áp dụng",
  "node.explain.walReplayed":
    "Bản sao này đã áp dụng WAL tới đâu (pg_last_wal_replay_lsn): truy vấn trên nó thấy dữ liệu tới đây.",
  "node.field.replayPaused": "Tạm dừng áp dụng WAL",
  "node.explain.replayPaused": "Đã gọi pg_wal_replay_pause(): WAL vẫn tới nhưng không được áp dụng.",
  "node.field.lastReplayed": "Giao dịch áp dụng gần nhất",
  "node.explain.lastReplayed":
    "Thời điểm commit của giao dịch áp dụng gần nhất (pg_last_xact_replay_timestamp); cụm không có ghi thì giá trị này cũ, điều đó bình thường.",
  "node.field.postmasterStart": "PostgreSQL khởi động lúc",
  "node.explain.postmasterStart": "Thời điểm postmaster khởi động (pg_postmaster_start_time).",
  "node.field.uptime": "Thời gian chạy",
  "node.explain.uptime": "PostgreSQL đã chạy được bao lâu; khởi động lại sẽ tính lại từ đầu.",
  "node.field.serverVersion": "Phiên bản PostgreSQL",
  "node.explain.serverVersion": "server_version_num ({num}) đọc thành số phiên bản.",
  "node.field.patroniVersion": "Phiên bản Patroni",
  "node.explain.patroniVersion":
    "Patroni chạy trên node này: endpoint và các trường khác nhau giữa các phiên bản.",
  "node.field.systemIdentifier": "Định danh hệ thống",
  "node.explain.systemIdentifier":
    "Giống nhau trên mọi member của một cụm; khác nghĩa là một cơ sở dữ liệu khác.",
  "node.field.tags": "Tag",
  "node.explain.tags":
    "Khai báo trong patroni.yml: nofailover, noloadbalance, clonefrom, nosync, failover_priority…",
  "node.field.pendingRestart": "Chờ khởi động lại",
  "node.explain.pendingRestart": "Một tham số đã đổi đang chờ khởi động lại PostgreSQL để có hiệu lực.",
  "node.field.scheduledRestart": "Lịch khởi động lại",
  "node.explain.scheduledRestart": "Lần khởi động lại đã hẹn bằng patronictl restart --scheduled.",
  "node.field.paused": "Chế độ bảo trì",
  "node.explain.paused": "Bật khi Patroni đang tạm dừng (patronictl pause): không tự động failover.",
  "node.field.clusterUnlocked": "Cụm không có khóa leader",
  "node.explain.clusterUnlocked": "Bật khi node này không thấy khóa leader trong DCS.",
  "node.field.failsafe": "Failsafe đang bật",
  "node.explain.failsafe": "DCS không truy cập được, leader vẫn chạy chỉ vì mọi member vẫn trả lời nó.",
  "node.field.dcsLastSeen": "Lần cuối đọc DCS",
  "node.explain.dcsLastSeen": "Lần gần nhất node này đọc DCS thành công, theo đồng hồ của chính nó.",
  "node.field.apiUrl": "REST API",
  "node.explain.apiUrl": "Địa chỉ dashboard thăm dò cho node này.",
  "node.replication.title": "Kết nối sao chép",
  "node.replication.description":
    "Các walsender trên node này (pg_stat_replication): mỗi dòng là một bản sao đang nhận WAL từ nó.",
  "node.replication.empty": "Không có bản sao nào nhận WAL từ node này.",
  "node.replication.col.client": "Máy khách",
  "node.replication.col.address": "Địa chỉ",
  "node.replication.col.state": "Trạng thái",
  "node.replication.col.sync": "Kiểu đồng bộ",
  "node.replication.col.priority": "Thứ tự ưu tiên đồng bộ",
  "node.upstream.title": "Node này trong mắt leader",
  "node.upstream.none": "Leader không có kết nối sao chép nào từ node này.",

  "cfg.title": "Cấu hình động",
  "cfg.description":
    "/config: các thiết lập chung của cụm mà Patroni lưu trong DCS (thay đổi bằng patronictl edit-config).",
  "cfg.none": "Chưa đọc được /config.",
  "cfg.col.key": "Thiết lập",
  "cfg.col.value": "Giá trị",
  "cfg.col.meaning": "Tác dụng",
  "cfg.default": "{value} (mặc định)",
  "cfg.explain.ttl":
    "Khóa leader tồn tại bao lâu nếu không được gia hạn: leader chết sẽ bị thay sau khoảng thời gian này.",
  "cfg.explain.loop_wait":
    "Khoảng nghỉ giữa các vòng lặp HA của Patroni, mỗi vòng gia hạn khóa và kiểm tra cụm.",
  "cfg.explain.retry_timeout":
    "Thời gian thử lại các thao tác với DCS và PostgreSQL trước khi Patroni bỏ cuộc; khi đó leader tự hạ cấp.",
  "cfg.explain.maximum_lag_on_failover":
    "Bản sao trễ hơn mức này sẽ không bao giờ được nâng lên khi failover.",
  "cfg.explain.synchronous_mode":
    "on: commit chờ bản sao đồng bộ, và chỉ nó được nâng lên; quorum: chờ một nhóm bản sao đủ số đông.",
  "cfg.explain.synchronous_mode_strict":
    "on: ngừng ghi khi không có bản sao đồng bộ, thay vì tiếp tục ghi mà không được bảo vệ.",
  "cfg.explain.synchronous_node_count": "Số bản sao đồng bộ mà Patroni duy trì.",
  "cfg.explain.failsafe_mode": "on: leader vẫn chạy khi DCS sập, miễn là mọi member vẫn trả lời nó.",
  "cfg.explain.pause": "Chế độ bảo trì: Patroni không tự failover và không tự khởi động lại gì cả.",
  "cfg.explain.use_pg_rewind": "Leader cũ được tua lại bằng pg_rewind để nhập lại cụm làm bản sao.",
  "cfg.explain.use_slots":
    "Leader giữ một replication slot cho mỗi bản sao, nên giữ lại WAL mà chúng còn cần.",
  "cfg.explain.check_timeline": "Chỉ bản sao cùng timeline với leader mới được nâng lên.",
  "cfg.explain.primary_start_timeout":
    "Primary bị sập được phép phục hồi trong bao lâu trước khi Patroni failover.",
  "cfg.params.title": "Tham số PostgreSQL",
  "cfg.params.description":
    "postgresql.parameters: áp dụng trên mọi member; một số tham số cần khởi động lại.",
  "cfg.params.empty": "/config không đặt tham số PostgreSQL nào.",
  "cfg.params.col.name": "Tham số",
  "cfg.other.title": "Các khóa khác",
  "cfg.history.title": "Thay đổi gì, khi nào",
  "cfg.history.description":
    "Các thay đổi của /config mà dashboard thấy khi thăm dò, mới nhất ở trên. Không biết các thay đổi trước khi dashboard chạy.",
  "cfg.history.empty": "Chưa thấy thay đổi nào từ khi dashboard bắt đầu theo dõi.",
  "cfg.history.col.when": "Thời điểm",
  "cfg.history.col.change": "Thay đổi",
  "cfg.history.kind.added": "thêm",
  "cfg.history.kind.removed": "xóa",
  "cfg.history.kind.changed": "đổi",
} as const satisfies Record<keyof typeof enDiagnostics, string>;
