//! The attribute structs of newer calls and keyctl's commands as strace
//! 6.1 prints them at entry: `_sysctl`'s args, io_cancel's iocb,
//! mq_getsetattr's mq_attr, perf_event_attr, file_handle,
//! io_pgetevents' sigset pair, sched_attr's `KEEP_*` flags,
//! io_uring_params, landlock's attrs, mount_attr, and keyctl (serials,
//! strings, permissions, the PKEY_* and DH params). The fixture
//! `args_more` makes the raw calls with junk in the upper half of int
//! arguments, NULL and unmapped pointers, structs that end at an unmapped
//! page, unknown flags, types and commands; notrace's line for each must
//! be strace 6.1's, kept in tests/strace-evidence/t25.strace. Every call
//! fails, so strace's line is its line for a failed call: what it would
//! add at exit (name_to_handle_at's filled handle, io_uring_setup's
//! answers) is not there in either. `args_i386_attrs` (t26.strace) makes
//! i386 calls with `int $0x80`: the 32-bit layouts of _sysctl's args,
//! mq_attr, io_pgetevents' sigset pair and keyctl's iovecs. With `-v`,
//! perf_event_attr is printed in full (t27.strace).

mod common;

use common::{check_lines, notrace, parse_jsonl, syscalls_named, trace_lines};
use serde_json::json;
use std::process::Command;

/// The calls `args_more` makes.
const SET: &str = "trace=_sysctl,io_cancel,mq_getsetattr,perf_event_open,open_by_handle_at,\
name_to_handle_at,sched_setattr,io_pgetevents,io_uring_setup,landlock_create_ruleset,\
landlock_add_rule,mount_setattr,add_key,request_key,keyctl";

/// strace 6.1's lines for `args_more` (t25.strace), results dropped. The
/// structs sit at fixed addresses (0x32000000 and up), so no address
/// needs blanking.
const EXPECTED: &[&str] = &[
    r#"_sysctl({name=0x32000100, nlen=3, oldval=NULL, oldlenp=0x32000200, newval=NULL, newlen=7})"#,
    r#"_sysctl(NULL)"#,
    r#"_sysctl(0x8)"#,
    r#"_sysctl(0x32000fd8)"#,
    r#"io_cancel(0x77, {aio_data=0x1234, aio_key=5, aio_rw_flags=RWF_HIPRI|0x100, aio_lio_opcode=99 /* IOCB_CMD_??? */, aio_reqprio=IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4), aio_fildes=-1}, 0x32000800)"#,
    r#"io_cancel(0x77, {aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITE, aio_reqprio=-3, aio_fildes=7}, 0x32000800)"#,
    r#"io_cancel(0x77, NULL, NULL)"#,
    r#"io_cancel(0x77, 0x32000fe0, NULL)"#,
    r#"mq_getsetattr(-1, {mq_flags=O_NONBLOCK|0x1, mq_maxmsg=-1, mq_msgsize=8192, mq_curmsgs=3}, 0x32000800)"#,
    r#"mq_getsetattr(-1, {mq_flags=0, mq_maxmsg=-1, mq_msgsize=8192, mq_curmsgs=3}, NULL)"#,
    r#"mq_getsetattr(-1, NULL, NULL)"#,
    r#"mq_getsetattr(-1, 0x32000ff0, NULL)"#,
    r#"perf_event_open({type=PERF_TYPE_HARDWARE, size=0 /* PERF_ATTR_SIZE_??? */, config=0x5<<32|PERF_COUNT_HW_INSTRUCTIONS, sample_period=4000, sample_type=PERF_SAMPLE_IP|PERF_SAMPLE_TIME|0x10000000000, read_format=PERF_FORMAT_TOTAL_TIME_ENABLED|PERF_FORMAT_GROUP, disabled=1, exclude_kernel=1, precise_ip=2 /* requested to have 0 skid */, sigtrap=1, __reserved_1=0x4 /* Bits 63..38 */, ...}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_HW_CACHE, size=PERF_ATTR_SIZE_VER5, config=0x1<<24|PERF_COUNT_HW_CACHE_RESULT_MISS<<16|PERF_COUNT_HW_CACHE_OP_PREFETCH<<8|0x9 /* PERF_COUNT_HW_CACHE_??? */, sample_freq=10, sample_type=0, read_format=0, freq=1, precise_ip=0 /* arbitrary skid */, ...}, -1, -1, -1, 0x10 /* PERF_FLAG_??? */)"#,
    r#"perf_event_open({type=PERF_TYPE_SOFTWARE, size=0xc8 /* PERF_ATTR_SIZE_??? */, config=0x63 /* PERF_COUNT_SW_??? */, sample_period=0, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, ...}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_TRACEPOINT, size=PERF_ATTR_SIZE_VER0, config=1234, sample_period=0, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, ...}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=0x4d /* PERF_TYPE_??? */, size=PERF_ATTR_SIZE_VER0, config=0x4d2, sample_period=0, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, ...}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_BREAKPOINT, size=PERF_ATTR_SIZE_VER7, config=0, sample_period=0, sample_type=PERF_SAMPLE_BRANCH_STACK|PERF_SAMPLE_STACK_USER, read_format=0, watermark=1, precise_ip=0 /* arbitrary skid */, use_clockid=1, ...}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_HARDWARE, size=0x5c /* PERF_ATTR_SIZE_??? */, config=PERF_COUNT_HW_CPU_CYCLES, sample_period=0, sample_type=PERF_SAMPLE_BRANCH_STACK|PERF_SAMPLE_STACK_USER, read_format=0, watermark=1, precise_ip=0 /* arbitrary skid */, use_clockid=1, ...}, -1, -1, -1, 0)"#,
    r#"perf_event_open(0x32000000, -1, -1, -1, 0)"#,
    r#"perf_event_open(NULL, -1, -1, -1, 0)"#,
    r#"perf_event_open(0x8, -1, -1, -1, 0)"#,
    r#"perf_event_open(0x32000ff8, -1, -1, -1, 0)"#,
    r#"open_by_handle_at(-1, {handle_bytes=8, handle_type=74565, f_handle="\x01\x02\xff\x00\x61\x62\x63\x64"}, O_RDONLY|O_CLOEXEC)"#,
    r#"open_by_handle_at(-1, {handle_bytes=200, handle_type=74565, f_handle="\x01\x02\xff\x00\x61\x62\x63\x64\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"...}, O_RDWR)"#,
    r#"open_by_handle_at(-1, {handle_bytes=64, handle_type=0, f_handle=???}, O_RDONLY)"#,
    r#"open_by_handle_at(-1, NULL, O_RDONLY)"#,
    r#"open_by_handle_at(-1, 0x8, O_RDONLY)"#,
    r#"name_to_handle_at(AT_FDCWD, "/nonexistent-notrace/x", {handle_bytes=16}, 0x32000800, AT_SYMLINK_FOLLOW)"#,
    r#"name_to_handle_at(AT_FDCWD, "/nonexistent-notrace/x", 0x8, 0x32000800, 0)"#,
    r#"sched_setattr(-1, {size=56, sched_flags=SCHED_FLAG_KEEP_POLICY, sched_nice=0, sched_priority=5, sched_runtime=0, sched_deadline=0, sched_period=0, sched_util_min=0, sched_util_max=0}, 0)"#,
    r#"sched_setattr(-1, {size=56, sched_flags=SCHED_FLAG_RESET_ON_FORK|SCHED_FLAG_KEEP_PARAMS, sched_util_min=0, sched_util_max=0}, 0)"#,
    r#"sched_setattr(-1, {size=56, sched_policy=0xffffffff /* SCHED_??? */, sched_flags=SCHED_FLAG_RESET_ON_FORK|SCHED_FLAG_KEEP_PARAMS, sched_util_min=0, sched_util_max=0}, 0)"#,
    r#"io_pgetevents(0x77, 1, 2, 0x32000800, NULL, {sigmask=[USR1 TERM], sigsetsize=8})"#,
    r#"io_pgetevents(0x77, 1, 2, 0x32000800, NULL, {sigmask=0x8, sigsetsize=8})"#,
    r#"io_pgetevents(0x77, 1, 2, 0x32000800, NULL, 0x32000ff8)"#,
    r#"io_pgetevents(0x77, 1, 2, 0x32000800, NULL, NULL)"#,
    r#"io_uring_setup(0, {flags=IORING_SETUP_SQPOLL|IORING_SETUP_ATTACH_WQ|0x1000, sq_thread_cpu=0x3, sq_thread_idle=1000, wq_fd=-1, resv=[0, 0x5, 0]})"#,
    r#"io_uring_setup(0, {flags=0, sq_thread_cpu=0, sq_thread_idle=0})"#,
    r#"io_uring_setup(0, NULL)"#,
    r#"io_uring_setup(0, 0x32000fc0)"#,
    r#"landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE|LANDLOCK_ACCESS_FS_REFER|0x100000}, 8, 0)"#,
    r#"landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE|LANDLOCK_ACCESS_FS_REFER|0x100000, ...}, 16, 0x4 /* LANDLOCK_CREATE_RULESET_??? */)"#,
    r#"landlock_create_ruleset(0x32000000, 4, 0)"#,
    r#"landlock_create_ruleset(NULL, 8, 0)"#,
    r#"landlock_create_ruleset(0x32000ffc, 8, 0)"#,
    r#"landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH, {allowed_access=LANDLOCK_ACCESS_FS_READ_FILE|LANDLOCK_ACCESS_FS_READ_DIR, parent_fd=-1}, 0)"#,
    r#"landlock_add_rule(-1, 0x2 /* LANDLOCK_RULE_??? */, 0x32000000, 0x3)"#,
    r#"landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH, 0x32000ff8, 0)"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", 0x10 /* AT_??? */, {attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_IDMAP, attr_clr=MOUNT_ATTR_NOSUID, propagation=MS_SHARED, userns_fd=5}, 32)"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", 0, {attr_set=0x40 /* MOUNT_ATTR_??? */, attr_clr=MOUNT_ATTR_NOSUID, propagation=0x3 /* MS_??? */, userns_fd=2147483648, /* bytes 32..39 */ "\x00\x00\x00\x00\xcd\xab\x00\x00"}, 40)"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", 0, {attr_set=0x40 /* MOUNT_ATTR_??? */, attr_clr=MOUNT_ATTR_NOSUID, propagation=0x3 /* MS_??? */, userns_fd=2147483648}, 40)"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", 0, {attr_set=0x40 /* MOUNT_ATTR_??? */, attr_clr=MOUNT_ATTR_NOSUID, propagation=0x3 /* MS_??? */, userns_fd=2147483648, /* bytes 32..4095 */ "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"...}, 8192)"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", 0, 0x32000000, 16)"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", 0, 0x32000ff0, 32)"#,
    r#"add_key("user", "notrace:desc", "payload", 7, 2147483632)"#,
    r#"add_key("user", "notrace:desc", "payload", 7, 2147483632)"#,
    r#"request_key("user", "notrace:desc", NULL, 2147483632)"#,
    r#"keyctl(KEYCTL_GET_KEYRING_ID, 2147483632, 1)"#,
    r#"keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0x8)"#,
    r#"keyctl(KEYCTL_UPDATE, 2147483632, "payload", 7)"#,
    r#"keyctl(KEYCTL_REVOKE, 2147483632)"#,
    r#"keyctl(KEYCTL_CHOWN, 2147483632, -1, 1000)"#,
    r#"keyctl(KEYCTL_SETPERM, 2147483632, KEY_POS_VIEW|KEY_POS_READ|KEY_POS_WRITE|KEY_POS_SEARCH|KEY_POS_LINK|KEY_POS_SETATTR|KEY_USR_VIEW|0x80)"#,
    r#"keyctl(KEYCTL_DESCRIBE, 2147483632, 0x32000800, 64)"#,
    r#"keyctl(KEYCTL_LINK, KEY_SPEC_USER_KEYRING, 2147483632)"#,
    r#"keyctl(KEYCTL_SEARCH, 2147483632, "user", "notrace:desc", KEY_SPEC_SESSION_KEYRING)"#,
    r#"keyctl(KEYCTL_READ, 2147483632, 0x32000800, 64)"#,
    r#"keyctl(KEYCTL_INSTANTIATE, 2147483632, "payl", 4, KEY_SPEC_PROCESS_KEYRING)"#,
    r#"keyctl(KEYCTL_NEGATE, 2147483632, 60, KEY_SPEC_REQUESTOR_KEYRING)"#,
    r#"keyctl(KEYCTL_SET_REQKEY_KEYRING, 99 /* KEY_REQKEY_DEFL_??? */)"#,
    r#"keyctl(KEYCTL_SET_TIMEOUT, 2147483632, 30)"#,
    r#"keyctl(KEYCTL_INVALIDATE, 2147483632)"#,
    r#"keyctl(KEYCTL_RESTRICT_KEYRING, 2147483632, "user", NULL)"#,
    r#"keyctl(KEYCTL_REJECT, 2147483632, 60, EKEYREJECTED, KEY_SPEC_SESSION_KEYRING)"#,
    r#"keyctl(KEYCTL_REJECT, 2147483632, 60, 5000, KEY_SPEC_SESSION_KEYRING)"#,
    r#"keyctl(KEYCTL_INSTANTIATE_IOV, 2147483632, [{iov_base="user", iov_len=4}, {iov_base="payload", iov_len=7}], 2, KEY_SPEC_PROCESS_KEYRING)"#,
    r#"keyctl(KEYCTL_GET_PERSISTENT, -1, 2147483632)"#,
    r#"keyctl(KEYCTL_DH_COMPUTE, {private=2147483632, prime=KEY_SPEC_SESSION_KEYRING, base=5}, 0x32000800, 64, NULL)"#,
    r#"keyctl(KEYCTL_DH_COMPUTE, 0x8, 0x32000800, 64, NULL)"#,
    r#"keyctl(KEYCTL_PKEY_QUERY, 2147483632, 0, "user", 0x32000800)"#,
    r#"keyctl(KEYCTL_PKEY_ENCRYPT, {key_id=2147483632, in_len=4, out_len=7}, "user", "payl", 0x32000800)"#,
    r#"keyctl(KEYCTL_PKEY_VERIFY, {key_id=2147483632, in_len=4, in2_len=7}, "user", "user", "payload")"#,
    r#"keyctl(KEYCTL_PKEY_SIGN, {key_id=2147483632, in_len=4, out_len=7, __spare=[0x9, 0, 0, 0, 0, 0, 0]}, "user", "payl", 0x32000800)"#,
    r#"keyctl(KEYCTL_PKEY_DECRYPT, 0x8, "user", 0x32000180, 0x32000800)"#,
    r#"keyctl(KEYCTL_MOVE, 2147483632, KEY_SPEC_USER_KEYRING, KEY_SPEC_SESSION_KEYRING, KEYCTL_MOVE_EXCL|0x2)"#,
    r#"keyctl(KEYCTL_WATCH_KEY, 0xdeadbeef7ffffff0, 0xdeadbeefffffffff, 0x10, 0)"#,
    r#"keyctl(0xffff /* KEYCTL_??? */, 0x1, 0xdeadbeef00000002, 0x3, 0x8)"#,
];

/// strace 6.1's lines with `-v` for `args_more`'s perf_event_open calls
/// (t27.strace), results dropped: every field the size reaches.
const PERF_VERBOSE_EXPECTED: &[&str] = &[
    r#"perf_event_open({type=PERF_TYPE_HARDWARE, size=0 /* PERF_ATTR_SIZE_??? */, config=0x5<<32|PERF_COUNT_HW_INSTRUCTIONS, sample_period=4000, sample_type=PERF_SAMPLE_IP|PERF_SAMPLE_TIME|0x10000000000, read_format=PERF_FORMAT_TOTAL_TIME_ENABLED|PERF_FORMAT_GROUP, disabled=1, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=1, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=0, precise_ip=2 /* requested to have 0 skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=1, __reserved_1=0x4 /* Bits 63..38 */, wakeup_events=0, config1=0}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_HW_CACHE, size=PERF_ATTR_SIZE_VER5, config=0x1<<24|PERF_COUNT_HW_CACHE_RESULT_MISS<<16|PERF_COUNT_HW_CACHE_OP_PREFETCH<<8|0x9 /* PERF_COUNT_HW_CACHE_??? */, sample_freq=10, sample_type=0, read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=1, inherit_stat=0, enable_on_exec=0, task=0, watermark=0, precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_events=0, config1=0, config2=0, sample_regs_user=0, sample_regs_intr=0, aux_watermark=0, sample_max_stack=0}, -1, -1, -1, 0x10 /* PERF_FLAG_??? */)"#,
    r#"perf_event_open({type=PERF_TYPE_SOFTWARE, size=0xc8 /* PERF_ATTR_SIZE_??? */, config=0x63 /* PERF_COUNT_SW_??? */, sample_period=0, sample_type=0, read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=0, precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_events=0, config1=0, config2=0, sample_regs_user=0, sample_regs_intr=0, aux_watermark=0, sample_max_stack=0, aux_sample_size=0, sig_data=0, ...}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_TRACEPOINT, size=PERF_ATTR_SIZE_VER0, config=1234, sample_period=0, sample_type=0, read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=0, precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_events=0, config1=0}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=0x4d /* PERF_TYPE_??? */, size=PERF_ATTR_SIZE_VER0, config=0x4d2, sample_period=0, sample_type=0, read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=0, precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_events=0, config1=0}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_BREAKPOINT, size=PERF_ATTR_SIZE_VER7, config=0, sample_period=0, sample_type=PERF_SAMPLE_BRANCH_STACK|PERF_SAMPLE_STACK_USER, read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=1, precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=1, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_watermark=3, bp_type=0x5 /* HW_BREAKPOINT_INVALID */, bp_addr=0x1000, bp_len=8, branch_sample_type=PERF_SAMPLE_BRANCH_USER|PERF_SAMPLE_BRANCH_ANY|0x40000000, sample_regs_user=0xff, sample_stack_user=0x1000, clockid=CLOCK_MONOTONIC, sample_regs_intr=0, aux_watermark=5, sample_max_stack=127 /* bytes 110..111: 0x5 */, aux_sample_size=9 /* bytes 116..119: 0x7 */, sig_data=0xabc}, -1, -1, -1, 0)"#,
    r#"perf_event_open({type=PERF_TYPE_HARDWARE, size=0x5c /* PERF_ATTR_SIZE_??? */, config=PERF_COUNT_HW_CPU_CYCLES, sample_period=0, sample_type=PERF_SAMPLE_BRANCH_STACK|PERF_SAMPLE_STACK_USER, read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=1, precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=1, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_watermark=3, config1=0x1000, config2=0x8, branch_sample_type=PERF_SAMPLE_BRANCH_USER|PERF_SAMPLE_BRANCH_ANY|0x40000000, sample_regs_user=0xff, sample_stack_user=0x1000}, -1, -1, -1, 0)"#,
    r#"perf_event_open(0x32000000, -1, -1, -1, 0)"#,
    r#"perf_event_open(NULL, -1, -1, -1, 0)"#,
    r#"perf_event_open(0x8, -1, -1, -1, 0)"#,
    r#"perf_event_open(0x32000ff8, -1, -1, -1, 0)"#,
];

/// The calls `args_i386_attrs` makes.
const I386_SET: &str = "trace=_sysctl,mq_getsetattr,io_pgetevents,keyctl,perf_event_open,\
io_uring_setup,mount_setattr,landlock_create_ruleset";

/// strace 6.1's lines for `args_i386_attrs` (t26.strace), results dropped.
const I386_EXPECTED: &[&str] = &[
    r#"_sysctl({name=0x34000100, nlen=3, oldval=NULL, oldlenp=0x34000200, newval=NULL, newlen=7})"#,
    r#"_sysctl(0x34000fe8)"#,
    r#"mq_getsetattr(-1, {mq_flags=O_NONBLOCK|0x1, mq_maxmsg=-1, mq_msgsize=8192, mq_curmsgs=3}, 0x34000800)"#,
    r#"mq_getsetattr(-1, 0x34000ff8, NULL)"#,
    r#"io_pgetevents(0x77, 1, 2, 0x34000800, NULL, {sigmask=[USR1 TERM], sigsetsize=8})"#,
    r#"io_pgetevents(0x77, 1, 2, 0x34000800, NULL, 0x34000ffc)"#,
    r#"keyctl(KEYCTL_INSTANTIATE_IOV, 2147483632, [{iov_base="user", iov_len=4}, {iov_base="payload", iov_len=7}], 2, KEY_SPEC_PROCESS_KEYRING)"#,
    r#"keyctl(KEYCTL_LINK, KEY_SPEC_USER_KEYRING, 2147483632)"#,
    r#"perf_event_open({type=PERF_TYPE_SOFTWARE, size=0 /* PERF_ATTR_SIZE_??? */, config=PERF_COUNT_SW_DUMMY, sample_period=100, sample_type=0, read_format=0, disabled=1, precise_ip=3 /* must have 0 skid */, ...}, -1, -1, -1, 0)"#,
    r#"io_uring_setup(0, {flags=IORING_SETUP_IOPOLL, sq_thread_cpu=0, sq_thread_idle=50})"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", 0x10 /* AT_??? */, {attr_set=MOUNT_ATTR_NOEXEC, attr_clr=0, propagation=MS_PRIVATE, userns_fd=0}, 32)"#,
    r#"landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_WRITE_FILE|LANDLOCK_ACCESS_FS_READ_FILE|0x100000}, 8, 0)"#,
];

/// A tracer's lines for `prog`: exit lines dropped, results stripped.
fn lines_of_prog(tracer: &std::path::Path, args: &[&str], prog: &str, tag: &str) -> Vec<String> {
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    trace_lines(tracer, args, prog, tag)
        .iter()
        .filter(|l| !l.starts_with("+++ "))
        .map(|l| result.replace(l, ")").into_owned())
        .collect()
}

/// A tracer's lines for `args_more`.
fn lines_of(tracer: &std::path::Path, args: &[&str], tag: &str) -> Vec<String> {
    lines_of_prog(tracer, args, "args_more", tag)
}

/// notrace's i386 lines for `args_i386_attrs` (those it marks ` [i386]`,
/// the mark dropped).
fn notrace_i386_lines(tag: &str) -> Vec<String> {
    lines_of_prog(&notrace(), &["-e", I386_SET], "args_i386_attrs", tag)
        .iter()
        .filter_map(|l| l.strip_suffix(" [i386]").map(str::to_string))
        .collect()
}

#[test]
fn i386_attr_layouts_print_as_strace_6_1_does() {
    check_lines(&notrace_i386_lines("attrs-i386"), I386_EXPECTED);
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping the comparison: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let theirs = lines_of_prog(
        &strace,
        &["-qq", "-e", "signal=none", "-e", I386_SET],
        "args_i386_attrs",
        "attrs-i386-strace",
    );
    assert_eq!(theirs, notrace_i386_lines("attrs-i386-ours"));
}

#[test]
fn attr_structs_and_keyctl_print_as_strace_6_1_does() {
    let got = lines_of(&notrace(), &["-e", SET], "attrs");
    check_lines(&got, EXPECTED);
}

#[test]
fn perf_event_attr_in_full_with_v_as_strace_6_1_prints_it() {
    let args = ["-v", "-e", "trace=perf_event_open"];
    let got = lines_of(&notrace(), &args, "attrs-perf-v");
    check_lines(&got, PERF_VERBOSE_EXPECTED);
}

#[test]
fn attr_structs_and_keyctl_match_installed_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    assert_eq!(
        lines_of(
            &strace,
            &["-qq", "-e", "signal=none", "-e", SET],
            "attrs-strace"
        ),
        lines_of(&notrace(), &["-e", SET], "attrs-ours")
    );
}

#[test]
fn attr_structs_json_values_have_the_same_fields() {
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", SET],
        "args_more",
        "attrs-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let arg = |name: &str, call: usize, pos: usize| {
        syscalls_named(&events, name)[call]["args"][pos].clone()
    };
    let perf = arg("perf_event_open", 0, 0);
    assert_eq!(perf["kind"], "perf_event_attr");
    assert_eq!(perf["value"]["type"], "PERF_TYPE_HARDWARE");
    assert_eq!(perf["value"]["config"], (5u64 << 32) | 1);
    assert_eq!(
        perf["value"]["sample_type"],
        json!(["PERF_SAMPLE_IP", "PERF_SAMPLE_TIME", "0x10000000000"])
    );
    assert_eq!(perf["value"]["precise_ip"], 2);
    assert_eq!(perf["value"]["sigtrap"], 1);
    // An unreadable struct has no value; its address is the raw value.
    assert_eq!(
        arg("perf_event_open", 9, 0)["value"],
        serde_json::Value::Null
    );
    assert_eq!(arg("perf_event_open", 9, 0)["raw"], "0x8");
    let iocb = arg("io_cancel", 0, 1)["value"].clone();
    assert_eq!(iocb["aio_lio_opcode"], 99);
    assert_eq!(iocb["aio_fildes"], -1);
    assert_eq!(
        arg("mq_getsetattr", 0, 1)["value"]["flags"],
        json!(["O_NONBLOCK", "0x1"])
    );
    let uring = arg("io_uring_setup", 0, 1)["value"].clone();
    assert_eq!(uring["resv"], json!([0, 5, 0]));
    assert_eq!(uring["wq_fd"], -1);
    let mount = arg("mount_setattr", 0, 3)["value"].clone();
    assert_eq!(mount["propagation"], "MS_SHARED");
    assert_eq!(
        mount["attr_set"],
        json!(["MOUNT_ATTR_RDONLY", "MOUNT_ATTR_IDMAP"])
    );
    assert_eq!(arg("landlock_add_rule", 0, 2)["value"]["parent_fd"], -1);
    assert_eq!(
        arg("open_by_handle_at", 0, 1)["value"]["f_handle"],
        "0102ff0061626364"
    );
    assert_eq!(
        arg("name_to_handle_at", 0, 2)["value"],
        json!({ "handle_bytes": 16 })
    );
    assert_eq!(arg("keyctl", 0, 0)["value"], "KEYCTL_GET_KEYRING_ID");
    assert_eq!(arg("keyctl", 7, 1)["value"], "KEY_SPEC_USER_KEYRING");
    assert_eq!(arg("add_key", 0, 4)["value"], 2147483632);
}
