package compose

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/compose"
)

// This file holds the helpers of the operations rules (restart, limits,
// logs, metrics, backup, replicas). Names start with ops so that they
// cannot clash with the helpers of other rule files.

// opsImageRef splits an image reference into its repository (lower case,
// without registry host, tag or digest: "bitnami/postgresql"), tag and
// digest. A registry host is the first path component when it holds a dot
// or a colon or is localhost; a tag is what follows the last colon after
// the last slash.
func opsImageRef(image string) (repo, tag, digest string) {
	ref := image
	if i := strings.Index(ref, "@"); i >= 0 {
		ref, digest = ref[:i], ref[i+1:]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref, tag = ref[:i], ref[i+1:]
	}
	if first, rest, ok := strings.Cut(ref, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		ref = rest
	}
	return strings.ToLower(strings.TrimPrefix(ref, "library/")), tag, digest
}

// opsImageName is the last component of an image's repository:
// "postgresql" for bitnami/postgresql:16.
func opsImageName(image string) string {
	repo, _, _ := opsImageRef(image)
	return repo[strings.LastIndex(repo, "/")+1:]
}

// opsImage is the image a service runs, as far as the project shows it:
// the base image of the stage it builds when it builds one (a service
// built FROM postgres is a postgres), else its image; an image that comes
// from a variable is its expression (repo:${TAG}), which still names the
// repository in most files. Empty when there is none.
func opsImage(g *infra.Graph, svc *infra.Resource) string {
	if ts := g.Targets(svc, "build"); len(ts) > 0 {
		st := ts[0]
		for range 8 { // follow FROM <earlier stage>, bounded
			if b := str(st.Attrs.Get("base_stage")); b != "" {
				if prev := opsStageNamed(g, st, b); prev != nil {
					st = prev
					continue
				}
			}
			break
		}
		if s := str(st.Attrs.Get("image")); s != "" && s != "scratch" {
			return s
		}
	}
	v := svc.Attrs.Get("image")
	if !v.IsKnown() {
		// The repository is usually written out and only the tag comes
		// from a variable: offen/docker-volume-backup:${VERSION}.
		return v.Expr()
	}
	return str(v)
}

// opsStageNamed finds the stage called name in the Dockerfile of st.
func opsStageNamed(g *infra.Graph, st *infra.Resource, name string) *infra.Resource {
	file := str(st.Attrs.Get("file"))
	for _, r := range g.Resources() {
		if r.Kind == st.Kind && str(r.Attrs.Get("file")) == file && strings.EqualFold(str(r.Attrs.Get("name")), name) {
			return r
		}
	}
	return nil
}

// opsImageIs reports whether the last component of image's repository is
// one of names.
func opsImageIs(image string, names ...string) bool {
	n := opsImageName(image)
	for _, want := range names {
		if n == want {
			return true
		}
	}
	return false
}

// opsServices are the services of the project.
func opsServices(g *infra.Graph) []*infra.Resource { return g.OfKind(compose.KindService) }

// opsTexts are the strings a service is configured with: its environment
// values, command and entrypoint, for finding which other services it
// talks to. Unknown values are left out.
func opsTexts(svc *infra.Resource) []string {
	var out []string
	for _, f := range svc.Attrs.Get("environment").Fields() {
		if s, ok := f.Value.Str(); ok && f.Value.IsKnown() {
			out = append(out, s)
		}
	}
	for _, key := range []string{"command", "entrypoint"} {
		v := svc.Attrs.Get(key)
		if s, ok := v.Str(); ok {
			out = append(out, s)
		}
		for _, e := range v.List() {
			if s, ok := e.Str(); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// opsNamesHost reports whether one of texts names host as a host name:
// "db", "db:5432", "postgres://u@db:5432/x", "tcp(db:3306)", "host=db".
func opsNamesHost(texts []string, host string) bool {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_.-])` + regexp.QuoteMeta(host) + `($|[^A-Za-z0-9_.-])`)
	for _, t := range texts {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

// opsTalksTo reports whether service from is configured to reach service
// to: it depends on it, links to it, or names it as a host in its
// environment or command.
func opsTalksTo(from, to *infra.Resource) bool {
	if from.Attrs.Get("depends_on").Has(to.Name) {
		return true
	}
	for _, l := range from.Attrs.Get("links").List() {
		if name, _, _ := strings.Cut(str(l), ":"); name == to.Name {
			return true
		}
	}
	return opsNamesHost(opsTexts(from), to.Name)
}

// opsEnv returns the environment variable name of a service, and whether
// it is set.
func opsEnv(svc *infra.Resource, name string) (infra.Value, bool) {
	env := svc.Attrs.Get("environment")
	return env.Field(name), env.Has(name)
}

// opsLabel returns the label key of a service, or "".
func opsLabel(svc *infra.Resource, key string) string {
	return str(svc.Attrs.Get("labels").Field(key))
}

// opsReplicas reads the service's replica count: deploy.replicas, else the
// service-level scale; n is 1 when neither is set (Docker Compose's
// default). v is the value that set it (null for the default).
func opsReplicas(svc *infra.Resource) (n float64, path string, v infra.Value) {
	for _, p := range []string{"deploy.replicas", "scale"} {
		if v := svc.Attrs.Get(p); !v.IsNull() {
			n, _ := v.Number()
			return n, p, v
		}
	}
	return 1, "", infra.NullValue()
}

// opsSwarm reports whether the project is written for Docker Swarm
// (docker stack deploy), and what shows it: a deploy setting only Swarm
// acts on (placement, update_config, rollback_config, endpoint_mode, a
// global or job mode) or an overlay network. docker compose ignores these,
// so a project with none is taken to run under docker compose on one host.
func opsSwarm(g *infra.Graph) (bool, string) {
	for _, svc := range opsServices(g) {
		d := svc.Attrs.Get("deploy")
		for _, k := range []string{"update_config", "rollback_config", "endpoint_mode"} {
			if v := d.Field(k); !v.IsNull() && v.Len() > 0 || str(d.Field(k)) != "" {
				return true, "service " + svc.Name + " sets deploy." + k
			}
		}
		p := d.Get("placement")
		if p.Get("constraints").Len() > 0 || p.Get("preferences").Len() > 0 {
			return true, "service " + svc.Name + " sets deploy.placement"
		}
		if m := str(d.Get("mode")); m != "" && m != "replicated" {
			return true, "service " + svc.Name + " has deploy.mode " + m
		}
	}
	for _, n := range g.OfKind(compose.KindNetwork) {
		if str(n.Attrs.Get("driver")) == "overlay" {
			return true, "network " + n.Name + " uses the overlay driver"
		}
	}
	return false, ""
}

// opsHealthcheck says whether a service has a healthcheck the project
// shows: its own (not disabled), or a HEALTHCHECK in the image it builds.
// A healthcheck baked into a pulled image cannot be seen and counts as
// none. where is the file:line of the healthcheck; v is an unknown value
// when the healthcheck cannot be resolved.
func opsHealthcheck(g *infra.Graph, svc *infra.Resource) (has bool, where infra.Location, unknown *infra.Value) {
	hc := svc.Attrs.Get("healthcheck")
	if !hc.IsKnown() {
		return false, infra.Location{}, &hc
	}
	if !hc.IsNull() {
		if b, _ := hc.Get("disable").Bool(); b {
			return false, infra.Location{}, nil
		}
		if t := hc.Get("test").List(); len(t) > 0 && str(t[0]) == "NONE" {
			return false, infra.Location{}, nil
		}
		if hc.Get("test").IsNull() {
			// Only timings: they tune the image's HEALTHCHECK, if any.
			return opsStageHealthcheck(g, svc)
		}
		return true, svc.LocOf(hc), nil
	}
	return opsStageHealthcheck(g, svc)
}

func opsStageHealthcheck(g *infra.Graph, svc *infra.Resource) (bool, infra.Location, *infra.Value) {
	ts := g.Targets(svc, "build")
	if len(ts) == 0 {
		return false, infra.Location{}, nil
	}
	h := ts[0].Attrs.Get("healthcheck")
	if h.IsNull() {
		return false, infra.Location{}, nil
	}
	if args := h.Get("args").List(); len(args) > 0 && str(args[0]) == "NONE" {
		return false, infra.Location{}, nil
	}
	return true, ts[0].LocOf(h), nil
}

// opsBytes reads a memory size the loader normalized to bytes (a number,
// or a string of digits).
func opsBytes(v infra.Value) (float64, bool) {
	if n, ok := v.Number(); ok {
		return n, true
	}
	s, ok := v.Str()
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return n, err == nil
}

// opsSize formats bytes for a message: "512 MiB".
func opsSize(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	return strconv.FormatFloat(b, 'f', -1, 64) + " " + units[i]
}

// opsLogDriver is the service's logging driver as written; "" when the
// service sets none and the Docker daemon's default applies (json-file,
// unless /etc/docker/daemon.json says otherwise).
func opsLogDriver(svc *infra.Resource) (string, infra.Value) {
	v := svc.Attrs.Get("logging.driver")
	return str(v), v
}

// opsShippingDrivers are the logging drivers (built in, or plugins by
// their usual alias) that send logs off the host, with where to.
var opsShippingDrivers = map[string]string{
	"syslog":                         "a syslog server",
	"fluentd":                        "Fluentd or Fluent Bit",
	"gelf":                           "a GELF endpoint (Graylog, Logstash)",
	"awslogs":                        "Amazon CloudWatch Logs",
	"splunk":                         "Splunk",
	"gcplogs":                        "Google Cloud Logging",
	"logentries":                     "Logentries",
	"etwlogs":                        "Event Tracing for Windows",
	"loki":                           "Grafana Loki",
	"grafana/loki-docker-driver":     "Grafana Loki",
	"elastic/elastic-logging-plugin": "Elasticsearch",
	"sumologic":                      "Sumo Logic",
	"datadog":                        "Datadog",
}

// opsShippingDriver says where driver sends logs, or "" when it keeps
// them on the host (json-file, local, journald, none) or is not known.
func opsShippingDriver(driver string) string {
	d := strings.ToLower(driver)
	if w, ok := opsShippingDrivers[d]; ok {
		return w
	}
	// A plugin installed with a version tag: grafana/loki-docker-driver:3.1.0.
	if i := strings.LastIndex(d, ":"); i > strings.LastIndex(d, "/") {
		return opsShippingDrivers[d[:i]]
	}
	return ""
}

// opsLogShippers are images of agents that collect the logs of a Docker
// host's containers, from Docker's log files or its API.
var opsLogShippers = []string{
	"fluent-bit", "fluentd", "vector", "promtail", "alloy", "grafana-agent", "agent",
	"filebeat", "logspout", "opentelemetry-collector", "opentelemetry-collector-contrib",
	"otel-collector", "otelcol", "otelcol-contrib", "datadog-agent", "splunk-otel-collector",
	"universalforwarder", "logagent", "fluentbit",
}

// opsReadsContainerLogs says how a service reads the host's container
// logs, if it does: it runs a log agent and mounts Docker's log directory
// (files: the json-file driver's *-json.log files) or its socket (api:
// the logs API, which serves every driver docker logs can read).
func opsReadsContainerLogs(g *infra.Graph, svc *infra.Resource) (files, api bool) {
	img := opsImage(g, svc)
	if img == "" || !opsImageIs(img, opsLogShippers...) {
		return false, false
	}
	// grafana/agent is the agent image; a bare "agent" of another vendor is not.
	if opsImageName(img) == "agent" {
		if repo, _, _ := opsImageRef(img); repo != "grafana/agent" {
			return false, false
		}
	}
	for _, m := range svc.Attrs.Get("volumes").List() {
		src := str(m.Get("source"))
		switch {
		case strings.HasPrefix(src, "/var/lib/docker/containers") || src == "/var/lib/docker":
			files = true
		case strings.HasSuffix(src, "/docker.sock"):
			api = true
		}
	}
	return files, api
}

// opsDatabases are images of data stores: whatever they mount read-write
// (but their configuration and init scripts) holds their data.
var opsDatabases = []string{
	"postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector", "supabase-postgres",
	"mysql", "mariadb", "percona", "percona-server", "percona-server-mongodb",
	"mongo", "mongodb", "mongodb-community-server", "mongodb-enterprise-server",
	"elasticsearch", "opensearch", "minio", "azure-sql-edge", "couchdb", "couchbase",
	"cassandra", "scylla", "neo4j", "influxdb", "clickhouse-server", "clickhouse", "cockroach",
	"etcd", "arangodb", "rethinkdb", "questdb", "surrealdb", "ravendb", "orientdb", "dgraph",
	"meilisearch", "typesense", "qdrant", "weaviate", "milvus", "chroma", "solr", "victoria-metrics",
}

// opsKeyValueStores keep data only when persistence is on: redis and its
// forks snapshot to /data by default, unless told not to.
var opsKeyValueStores = []string{"redis", "redis-stack", "redis-stack-server", "valkey", "keydb", "dragonfly", "redismod"}

// opsDataApps are applications whose volumes hold their users' content
// wherever they are mounted (wp-content, a Nextcloud data directory, Git
// repositories).
var opsDataApps = []string{
	"wordpress", "nextcloud", "drupal", "joomla", "ghost", "gitea", "forgejo",
	"gitlab-ce", "gitlab-ee", "mediawiki", "bookstack", "mattermost-team-edition",
}

// opsNotData are images whose data paths hold what can be made again
// (certificates a proxy re-issues, image layers, caches, admin tool
// settings, virus signatures) or what is not backed up by copying files:
// the logs of message brokers, which replicate instead.
var opsNotData = []string{
	"caddy", "traefik", "docker", "dind", "buildkit", "registry-mirror", "pgadmin4", "clamav",
	"certbot", "nginx-proxy", "acme-companion", "letsencrypt-nginx-proxy-companion", "symbolicator",
	"kafka", "cp-kafka", "redpanda", "rabbitmq", "nats", "zookeeper", "cp-zookeeper", "pulsar",
	"activemq", "activemq-artemis", "emqx", "eclipse-mosquitto",
}

// opsIsDatabase reports a data-store image (redis and its forks
// included).
func opsIsDatabase(image string) bool {
	repo, _, _ := opsImageRef(image)
	return opsImageIs(image, opsDatabases...) || opsImageIs(image, opsKeyValueStores...) ||
		repo == "mssql/server" || repo == "mssql/rhel/server"
}

// opsMount is one entry of a service's volumes.
type opsMount struct {
	svc    *infra.Resource
	index  int
	typ    string // volume, bind, tmpfs, …
	source string
	target string
	ro     bool
}

func (m opsMount) path() string { return "volumes[" + itoa(m.index) + "]" }

// opsMounts lists a service's mounts.
func opsMounts(svc *infra.Resource) []opsMount {
	var out []opsMount
	for i, v := range svc.Attrs.Get("volumes").List() {
		ro, _ := v.Get("read_only").Bool()
		out = append(out, opsMount{svc: svc, index: i, typ: str(v.Get("type")), source: str(v.Get("source")), target: str(v.Get("target")), ro: ro})
	}
	return out
}

// opsScratchDirs are path segments of mount targets that hold what a
// build, a package manager or a run makes again: never data to back up.
var opsScratchDirs = map[string]bool{
	"node_modules": true, "cache": true, ".cache": true, "tmp": true, "temp": true, "target": true,
	"build": true, "dist": true, "vendor": true, ".m2": true, ".gradle": true, ".npm": true,
	".yarn": true, ".pnpm-store": true, "__pycache__": true, ".venv": true, "venv": true,
	"site-packages": true, "log": true, "logs": true, "run": true, ".next": true,
}

// opsConfigTarget reports a target that holds configuration or init
// scripts rather than data: under /etc, an entrypoint directory, or a
// single file by its extension.
func opsConfigTarget(target string) bool {
	if strings.HasPrefix(target, "/etc/") || target == "/etc" || strings.Contains(target, "docker-entrypoint") {
		return true
	}
	base := target[strings.LastIndex(target, "/")+1:]
	for _, ext := range []string{".conf", ".cnf", ".cfg", ".ini", ".yml", ".yaml", ".json", ".toml", ".sql", ".sh", ".js", ".xml", ".properties", ".pem", ".crt", ".key", ".env"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// opsScratchTarget reports a target that is scratch space.
func opsScratchTarget(target string) bool {
	for _, seg := range strings.Split(strings.ToLower(target), "/") {
		if opsScratchDirs[seg] {
			return true
		}
	}
	return false
}

// opsDataPath reports a target where any application keeps data by
// convention: /data, a directory under /var/lib, or a directory named
// data.
func opsDataPath(target string) bool {
	t := strings.TrimSuffix(target, "/")
	if t == "/data" || strings.HasPrefix(t, "/data/") {
		return true
	}
	if rest, ok := strings.CutPrefix(t, "/var/lib/"); ok {
		first, _, _ := strings.Cut(rest, "/")
		switch first {
		case "docker", "containerd", "buildkit", "apt", "dpkg", "clamav":
			return false
		}
		return true
	}
	for _, seg := range strings.Split(t, "/") {
		if seg == "data" {
			return true
		}
	}
	return false
}

// opsPersistenceOff reports a key-value store told to keep nothing on
// disk: --save "" (no snapshots) without --appendonly yes.
func opsPersistenceOff(svc *infra.Resource) bool {
	noSave, aof := opsRedisPersistence(svc)
	return noSave && !aof
}

// opsRedisPersistence reads a redis command line: noSave for --save ""
// (snapshots off), aof for --appendonly yes (an append-only log kept).
func opsRedisPersistence(svc *infra.Resource) (noSave, aof bool) {
	var words []string
	for _, key := range []string{"entrypoint", "command"} {
		v := svc.Attrs.Get(key)
		if s, ok := v.Str(); ok {
			for _, w := range strings.Fields(s) {
				words = append(words, strings.Trim(w, `"'`))
			}
		}
		for _, e := range v.List() {
			words = append(words, strings.Trim(str(e), `"'`))
		}
	}
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case w == "--save" && (next == "" || strings.HasPrefix(next, "--")), w == "--save=":
			noSave = true
		case w == "--appendonly" && next == "yes", w == "--appendonly=yes":
			aof = true
		}
	}
	return noSave, aof
}

// opsHoldsData says whether a mount holds data to back up, and why. A
// data store's or data application's mount holds data at a data path
// (see opsDataPath), under /bitnami or /var/opt, at a path its
// environment or command names (PGDATA, minio server /export), or, for
// an application, its web root or content directory; any other service's
// mount holds data at a data path. Read-only, tmpfs, scratch and
// configuration mounts never do.
func opsHoldsData(g *infra.Graph, m opsMount) (bool, string) {
	if m.ro || m.typ == "tmpfs" || m.typ == "npipe" || m.target == "" || opsScratchTarget(m.target) || opsConfigTarget(m.target) {
		return false, ""
	}
	t := strings.TrimSuffix(m.target, "/")
	img := opsImage(g, m.svc)
	store := img != "" && (opsIsDatabase(img) || opsImageIs(img, opsDataApps...))
	at := opsDataPath(t)
	if store && !at {
		at = strings.HasPrefix(t, "/bitnami") || strings.HasPrefix(t, "/var/opt/") || opsNamesPath(opsTexts(m.svc), t)
		if opsImageIs(img, opsDataApps...) {
			at = at || t == "/var/www/html" || strings.HasSuffix(t, "/wp-content") || strings.HasSuffix(t, "/uploads") || strings.HasSuffix(t, "/content")
		}
	}
	switch {
	case !at:
		return false, ""
	case store && opsImageIs(img, opsKeyValueStores...):
		if opsPersistenceOff(m.svc) {
			return false, ""
		}
		return true, m.svc.Name + " (" + img + ") keeps its snapshots at " + m.target
	case store && opsIsDatabase(img):
		return true, m.svc.Name + " (" + img + ") keeps its data at " + m.target
	case store:
		return true, m.svc.Name + " (" + img + ") keeps its content at " + m.target
	case img != "" && opsImageIs(img, opsNotData...):
		return false, ""
	}
	if _, ok := opsBackupService(g, m.svc); ok {
		return false, ""
	}
	return true, m.svc.Name + " mounts it at " + m.target + ", a data directory"
}

// opsNamesPath reports a path written as a word of one of texts
// (PGDATA=/pgdata, "server /export", "--dbpath=/db").
func opsNamesPath(texts []string, path string) bool {
	re := regexp.MustCompile(`(^|[\s=])` + regexp.QuoteMeta(path) + `/?($|\s)`)
	for _, t := range texts {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

// opsBackupImages are images that back up volumes or databases on a
// schedule of their own (each has a default schedule, or one is required
// to start).
var opsBackupImages = []string{
	"offen/docker-volume-backup", "futurice/docker-volume-backup", "jareware/docker-volume-backup",
	"prodrigestivill/postgres-backup-local", "kartoza/pg-backup", "tiredofit/db-backup", "nfrastack/db-backup",
	"databack/mysql-backup", "fradelg/mysql-cron-backup", "eeshugerman/postgres-backup-s3",
	"schickling/postgres-backup-s3", "schickling/mysql-backup-s3", "itbm/postgres-backup-s3",
	"mazzolino/restic", "lobaro/restic-backup-docker", "duplicati/duplicati", "linuxserver/duplicati",
	"b3vis/borgmatic", "borgmatic-collective/borgmatic", "itzg/mc-backup", "kopia/kopia",
	"tiredofit/mongodb-backup", "stefanprodan/mgob", "maxisam/mgob", "databack/databack",
}

// opsBackupTools are backup programs whose images run once unless
// something schedules them.
var opsBackupTools = []string{"restic", "borg", "borgbackup", "kopia", "rclone", "duplicity", "volume-backup", "pgbackrest", "wal-g", "xtrabackup"}

// opsFileBackups are backup images and tools that copy the files they
// mount and never connect to a database: a database such a service talks
// to is where it stores backups (a MinIO bucket), not what it backs up.
var opsFileBackups = []string{
	"offen/docker-volume-backup", "futurice/docker-volume-backup", "jareware/docker-volume-backup",
	"mazzolino/restic", "lobaro/restic-backup-docker", "duplicati/duplicati", "linuxserver/duplicati",
	"itzg/mc-backup", "kopia/kopia", "restic/restic", "restic", "borg", "borgbackup", "kopia", "rclone",
	"duplicity", "volume-backup", "rclone/rclone", "loomchild/volume-backup",
}

// opsBackup is a service that backs things up.
type opsBackup struct {
	svc       *infra.Resource
	image     string
	scheduled bool
	dumps     bool // it may connect to a database and dump it
}

// opsBackupService recognises a backup service: a known scheduled backup
// image, a backup tool's image, or a service or image named for backups.
// A tool or a service named for backups counts as scheduled when its
// environment or command shows a schedule (a cron expression variable, a
// cron daemon).
func opsBackupService(g *infra.Graph, svc *infra.Resource) (opsBackup, bool) {
	img := opsImage(g, svc)
	if v := svc.Attrs.Get("image"); !v.IsNull() {
		img = str(v) // a built backup image is named by what it is, not its base
		if !v.IsKnown() {
			img = v.Expr()
		}
	}
	repo, _, _ := opsImageRef(img)
	b := opsBackup{svc: svc, image: img, dumps: !slices.Contains(opsFileBackups, repo) && !opsImageIs(img, opsFileBackups...)}
	for _, known := range opsBackupImages {
		if repo == known {
			b.scheduled = true
			return b, true
		}
	}
	name := strings.ToLower(svc.Name)
	if !opsImageIs(img, opsBackupTools...) && !strings.Contains(repo, "backup") && !strings.Contains(name, "backup") {
		return b, false
	}
	for _, f := range svc.Attrs.Get("environment").Fields() {
		k := strings.ToUpper(f.Name)
		if strings.Contains(k, "CRON") || strings.Contains(k, "SCHEDULE") || strings.Contains(k, "INTERVAL") {
			b.scheduled = true
		}
	}
	for _, t := range opsTexts(svc) {
		if strings.Contains(t, "cron") || strings.Contains(t, "--schedule") {
			b.scheduled = true
		}
	}
	for _, f := range svc.Attrs.Get("labels").Fields() {
		if strings.Contains(f.Name, "ofelia.job") || strings.Contains(f.Name, "chadburn.job") {
			b.scheduled = true // a job scheduler runs it
		}
	}
	return b, true
}

// opsWhere is a location for a message: file:line, the file relative to
// the project directory when it is inside it.
func opsWhere(c *rules.Check, l infra.Location) string {
	return infra.Location{File: opsShortPath(c, l.File), Pos: l.Pos}.String()
}

// opsShortPath shows a host path relative to the project directory when
// it is inside it, as it is usually written.
func opsShortPath(c *rules.Check, p string) string {
	if c.Component == nil || c.Component.Path == "" {
		return p
	}
	dirs := []string{filepath.Clean(c.Component.Path)}
	if abs, err := filepath.Abs(c.Component.Path); err == nil {
		dirs = append(dirs, abs)
	}
	for _, d := range dirs {
		if rest, ok := strings.CutPrefix(filepath.Clean(p), d+"/"); ok {
			return "./" + rest
		}
	}
	return p
}

// opsCollectors are images of agents that collect metrics: they scrape
// Prometheus endpoints or receive OpenTelemetry.
var opsCollectors = []string{
	"prometheus", "vmagent", "victoria-metrics", "alloy", "agent", "grafana-agent",
	"opentelemetry-collector", "opentelemetry-collector-contrib", "otel-collector", "otelcol", "otelcol-contrib",
	"splunk-otel-collector", "telegraf", "datadog-agent", "netdata", "metricbeat", "elastic-agent",
	"newrelic-infrastructure", "signoz-otel-collector",
}

// opsIsCollector reports a metrics collector service.
func opsIsCollector(g *infra.Graph, svc *infra.Resource) bool {
	img := opsImage(g, svc)
	if img == "" || !opsImageIs(img, opsCollectors...) {
		return false
	}
	if n := opsImageName(img); n == "agent" {
		repo, _, _ := opsImageRef(img)
		return repo == "grafana/agent" || repo == "datadog/agent"
	}
	return true
}

// opsIsExporter reports a Prometheus exporter (node-exporter,
// postgres-exporter, redis_exporter, nginx-prometheus-exporter) or
// cAdvisor.
func opsIsExporter(g *infra.Graph, svc *infra.Resource) bool {
	n := opsImageName(opsImage(g, svc))
	return strings.HasSuffix(n, "exporter") || n == "cadvisor"
}

// opsShortDependsOn reports a depends_on entry written in the short
// syntax (a list of names): the loader made it an object with condition
// service_started, and positions fall back to the list's own, so the
// entry and its condition sit where depends_on does.
func opsShortDependsOn(deps, entry infra.Value) bool {
	return entry.Loc.Pos == deps.Loc.Pos && entry.Get("condition").Loc.Pos == deps.Loc.Pos
}
