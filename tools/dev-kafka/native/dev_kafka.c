/*
 * dev-kafka: librdkafka's mock Kafka cluster (rdkafka_mock.h) as a small process.
 *
 *   dev-kafka [--brokers N] [--topic name:partitions]...
 *
 * Prints exactly one line `READY <bootstrap servers>` on stdout once the cluster listens and the topics
 * exist, then reads one command per line on stdin and answers each with one line, `OK` or `ERR <message>`:
 *
 *   topic <name> <partitions>             create a topic (replication factor min(3, brokers))
 *   broker_down <id>                      disconnect a broker and refuse new connections (-1: all)
 *   broker_up <id>                        accept connections again (-1: all)
 *   leader <topic> <partition> <broker>   move a partition's leader (-1: leader-less)
 *   push_errors <apiKey> <err> [err...]   the next requests of that ApiKey fail with these error codes
 *   clear_errors <apiKey>                 drop the pushed errors of that ApiKey
 *   rtt <brokerId> <ms>                   delay every response of a broker (-1: all)
 *   coordinator <group|transaction> <key> <brokerId>   pin the coordinator of a group / transactional id
 *   ping                                  no-op
 *
 * Exits cleanly on EOF on stdin (so it never outlives its parent) and on SIGTERM/SIGINT.
 * librdkafka logging is off unless DEV_KAFKA_DEBUG is set (its value, if not "1", is the `debug` contexts).
 *
 * Built against librdkafka 2.0.2 (Debian's librdkafka-dev); only functions declared in that header are used.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#define MAX_LINE 4096
#define MAX_ARGS 64
#define MAX_TOPICS 256

static volatile sig_atomic_t stop_requested = 0;
static int broker_count = 1;

static void on_signal(int sig) {
        (void)sig;
        stop_requested = 1;
}

static void die(const char *fmt, ...) {
        va_list ap;
        fprintf(stderr, "dev-kafka: ");
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        exit(2);
}

static int reply_ok(void) {
        fputs("OK\n", stdout);
        fflush(stdout);
        return 0;
}

static int reply_err(const char *fmt, ...) {
        va_list ap;
        fputs("ERR ", stdout);
        va_start(ap, fmt);
        vfprintf(stdout, fmt, ap);
        va_end(ap);
        fputc('\n', stdout);
        fflush(stdout);
        return -1;
}

/* Strict base-10 integer parse: the whole string, within [min, max]. */
static int parse_long(const char *s, long min, long max, long *out) {
        char *end;
        long v;
        if (!s || !*s)
                return 0;
        errno = 0;
        v     = strtol(s, &end, 10);
        if (errno || *end || v < min || v > max)
                return 0;
        *out = v;
        return 1;
}

static int replication_factor(void) {
        return broker_count < 3 ? broker_count : 3;
}

static rd_kafka_resp_err_t create_topic(rd_kafka_mock_cluster_t *mc, const char *name, int partitions) {
        return rd_kafka_mock_topic_create(mc, name, partitions, replication_factor());
}

/* Runs one command line and writes its one-line reply. */
static int handle_command(rd_kafka_mock_cluster_t *mc, char *line) {
        char *argv[MAX_ARGS];
        int argc = 0;
        char *save = NULL;
        char *tok;
        long a, b, c;
        rd_kafka_resp_err_t err;

        for (tok = strtok_r(line, " \t\r", &save); tok && argc < MAX_ARGS; tok = strtok_r(NULL, " \t\r", &save))
                argv[argc++] = tok;
        if (argc == 0)
                return reply_err("empty command");
        if (tok)
                return reply_err("too many arguments");

        if (!strcmp(argv[0], "ping")) {
                if (argc != 1)
                        return reply_err("usage: ping");
                return reply_ok();
        }

        if (!strcmp(argv[0], "topic")) {
                if (argc != 3 || !parse_long(argv[2], 1, 100000, &a))
                        return reply_err("usage: topic <name> <partitions>");
                err = create_topic(mc, argv[1], (int)a);
                if (err)
                        return reply_err("%s", rd_kafka_err2str(err));
                return reply_ok();
        }

        if (!strcmp(argv[0], "broker_down") || !strcmp(argv[0], "broker_up")) {
                int down = !strcmp(argv[0], "broker_down");
                if (argc != 2 || !parse_long(argv[1], -1, INT32_MAX, &a))
                        return reply_err("usage: %s <brokerId>", argv[0]);
                if (a != -1 && (a < 1 || a > broker_count))
                        return reply_err("unknown broker %ld (brokers are 1..%d)", a, broker_count);
                err = down ? rd_kafka_mock_broker_set_down(mc, (int32_t)a)
                           : rd_kafka_mock_broker_set_up(mc, (int32_t)a);
                if (err)
                        return reply_err("%s", rd_kafka_err2str(err));
                return reply_ok();
        }

        if (!strcmp(argv[0], "leader")) {
                if (argc != 4 || !parse_long(argv[2], 0, INT32_MAX, &a) ||
                    !parse_long(argv[3], -1, INT32_MAX, &b))
                        return reply_err("usage: leader <topic> <partition> <brokerId>");
                if (b != -1 && (b < 1 || b > broker_count))
                        return reply_err("unknown broker %ld (brokers are 1..%d)", b, broker_count);
                err = rd_kafka_mock_partition_set_leader(mc, argv[1], (int32_t)a, (int32_t)b);
                if (err)
                        return reply_err("%s", rd_kafka_err2str(err));
                return reply_ok();
        }

        if (!strcmp(argv[0], "coordinator")) {
                if (argc != 4 || (strcmp(argv[1], "group") && strcmp(argv[1], "transaction")) ||
                    !parse_long(argv[3], 1, INT32_MAX, &a))
                        return reply_err("usage: coordinator <group|transaction> <key> <brokerId>");
                if (a > broker_count)
                        return reply_err("unknown broker %ld (brokers are 1..%d)", a, broker_count);
                err = rd_kafka_mock_coordinator_set(mc, argv[1], argv[2], (int32_t)a);
                if (err)
                        return reply_err("%s", rd_kafka_err2str(err));
                return reply_ok();
        }

        if (!strcmp(argv[0], "push_errors")) {
                rd_kafka_resp_err_t errors[MAX_ARGS];
                int i;
                if (argc < 3 || !parse_long(argv[1], 0, INT16_MAX, &a))
                        return reply_err("usage: push_errors <apiKey> <errorCode> [errorCode...]");
                for (i = 2; i < argc; i++) {
                        if (!parse_long(argv[i], -1000, 10000, &b))
                                return reply_err("bad error code %s", argv[i]);
                        errors[i - 2] = (rd_kafka_resp_err_t)b;
                }
                rd_kafka_mock_push_request_errors_array(mc, (int16_t)a, (size_t)(argc - 2), errors);
                return reply_ok();
        }

        if (!strcmp(argv[0], "clear_errors")) {
                if (argc != 2 || !parse_long(argv[1], 0, INT16_MAX, &a))
                        return reply_err("usage: clear_errors <apiKey>");
                rd_kafka_mock_clear_request_errors(mc, (int16_t)a);
                return reply_ok();
        }

        if (!strcmp(argv[0], "rtt")) {
                if (argc != 3 || !parse_long(argv[1], -1, INT32_MAX, &a) ||
                    !parse_long(argv[2], 0, INT_MAX, &c))
                        return reply_err("usage: rtt <brokerId> <ms>");
                if (a != -1 && (a < 1 || a > broker_count))
                        return reply_err("unknown broker %ld (brokers are 1..%d)", a, broker_count);
                err = rd_kafka_mock_broker_set_rtt(mc, (int32_t)a, (int)c);
                if (err)
                        return reply_err("%s", rd_kafka_err2str(err));
                return reply_ok();
        }

        return reply_err("unknown command %s", argv[0]);
}

static void on_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf) {
        (void)rk;
        fprintf(stderr, "dev-kafka: librdkafka %d %s: %s\n", level, fac, buf);
}

int main(int argc, char **argv) {
        const char *topic_names[MAX_TOPICS];
        int topic_partitions[MAX_TOPICS];
        int topic_count = 0;
        const char *debug = getenv("DEV_KAFKA_DEBUG");
        int debugging     = debug && *debug && strcmp(debug, "0") != 0;
        char errstr[512];
        rd_kafka_conf_t *conf;
        rd_kafka_t *rk;
        rd_kafka_mock_cluster_t *mc;
        struct sigaction sa;
        char buf[MAX_LINE];
        size_t used = 0;
        int discarding = 0;
        int i;
        long v;

#ifdef __linux__
        /* Belt and braces: EOF on stdin is the main way we notice the parent is gone. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() == 1)
                return 0;
#endif

        for (i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--brokers") && i + 1 < argc) {
                        if (!parse_long(argv[++i], 1, 64, &v))
                                die("--brokers wants a number from 1 to 64, got %s", argv[i]);
                        broker_count = (int)v;
                } else if (!strcmp(argv[i], "--topic") && i + 1 < argc) {
                        char *spec  = strdup(argv[++i]); /* copied: argv stays readable in ps */
                        char *colon = spec ? strrchr(spec, ':') : NULL;
                        if (!colon || colon == spec || !parse_long(colon + 1, 1, 100000, &v))
                                die("--topic wants name:partitions, got %s", argv[i]);
                        if (topic_count == MAX_TOPICS)
                                die("at most %d --topic options", MAX_TOPICS);
                        *colon                        = '\0';
                        topic_names[topic_count]      = spec;
                        topic_partitions[topic_count] = (int)v;
                        topic_count++;
                } else {
                        die("usage: %s [--brokers N] [--topic name:partitions]...", argv[0]);
                }
        }

        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0; /* no SA_RESTART: poll() returns EINTR */
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);

        conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, on_log);
        if (rd_kafka_conf_set(conf, "log_level", debugging ? "7" : "0", errstr, sizeof(errstr)) !=
            RD_KAFKA_CONF_OK)
                die("%s", errstr);
        if (debugging && strcmp(debug, "1") != 0 &&
            rd_kafka_conf_set(conf, "debug", debug, errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                die("%s", errstr);

        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk)
                die("rd_kafka_new: %s", errstr);

        mc = rd_kafka_mock_cluster_new(rk, broker_count);
        if (!mc)
                die("rd_kafka_mock_cluster_new failed");

        for (i = 0; i < topic_count; i++) {
                rd_kafka_resp_err_t err = create_topic(mc, topic_names[i], topic_partitions[i]);
                if (err)
                        die("creating topic %s: %s", topic_names[i], rd_kafka_err2str(err));
        }

        printf("READY %s\n", rd_kafka_mock_cluster_bootstraps(mc));
        fflush(stdout);

        while (!stop_requested) {
                struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
                ssize_t n;
                char *nl;
                int r = poll(&pfd, 1, 1000);
                if (r < 0) {
                        if (errno == EINTR)
                                continue;
                        break;
                }
                if (r == 0) {
#ifdef __linux__
                        if (getppid() == 1)
                                break;
#endif
                        continue;
                }
                n = read(STDIN_FILENO, buf + used, sizeof(buf) - 1 - used);
                if (n < 0) {
                        if (errno == EINTR || errno == EAGAIN)
                                continue;
                        break;
                }
                if (n == 0)
                        break; /* EOF: the parent closed stdin or died */
                used += (size_t)n;
                buf[used] = '\0';

                while ((nl = memchr(buf, '\n', used))) {
                        size_t len = (size_t)(nl - buf);
                        *nl        = '\0';
                        if (discarding) {
                                discarding = 0;
                                reply_err("command too long");
                        } else {
                                handle_command(mc, buf);
                        }
                        memmove(buf, nl + 1, used - len - 1);
                        used -= len + 1;
                        buf[used] = '\0';
                }
                if (used == sizeof(buf) - 1) {
                        discarding = 1; /* drop the rest of an over-long line */
                        used       = 0;
                }
        }

        rd_kafka_mock_cluster_destroy(mc);
        rd_kafka_destroy(rk);
        return 0;
}
