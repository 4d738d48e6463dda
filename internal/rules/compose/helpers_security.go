package compose

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/secretname"
)

// This file holds what the security and networking rules of services
// share: Linux capabilities, security_opt entries, users, secret-looking
// environment variables, image names and published ports. Every name
// starts with sec.

// secDoc is a page of the Compose file reference's services section.
func secDoc(anchor string) string {
	return "https://docs.docker.com/reference/compose-file/services/#" + anchor
}

// secPrivileged reports a service with privileged: true. The rules whose
// concern privileged mode already covers (capabilities) record nothing
// for it, so that one setting is one finding.
func secPrivileged(r *infra.Resource) bool {
	b, _ := r.Attrs.Get("privileged").Bool()
	return b
}

// secCapName normalizes a Linux capability as Docker reads it: upper case,
// without the CAP_ prefix ("cap_sys_admin" is SYS_ADMIN).
func secCapName(s string) string {
	return strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "CAP_")
}

// secDefaultCaps are the capabilities Docker grants a container unless it
// drops them (moby's oci/caps defaults); dropping every one of them is as
// good as dropping ALL.
var secDefaultCaps = []string{
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

// secDangerousCaps are capabilities beyond Docker's default set that let a
// process reach past its container: into the kernel, other processes, the
// host's files or its network. Benign extras (IPC_LOCK for mlock,
// SYS_NICE, SYS_RESOURCE) are not listed.
var secDangerousCaps = map[string]string{
	"ALL":             "every capability",
	"SYS_ADMIN":       "SYS_ADMIN (mount, namespaces, most of root's powers)",
	"SYS_MODULE":      "SYS_MODULE (loads kernel modules: root on the host)",
	"SYS_RAWIO":       "SYS_RAWIO (raw access to devices and I/O ports)",
	"SYS_PTRACE":      "SYS_PTRACE (traces and injects into other processes)",
	"SYS_BOOT":        "SYS_BOOT (reboots the host, loads a new kernel)",
	"SYS_TIME":        "SYS_TIME (sets the host's clock)",
	"DAC_READ_SEARCH": "DAC_READ_SEARCH (reads any file; open_by_handle_at escapes the container)",
	"NET_ADMIN":       "NET_ADMIN (reconfigures interfaces, routes and firewall rules)",
	"BPF":             "BPF (loads eBPF programs into the kernel)",
	"PERFMON":         "PERFMON (kernel performance monitoring, eBPF tracing)",
	"MAC_ADMIN":       "MAC_ADMIN (changes the AppArmor/SELinux policy)",
	"MAC_OVERRIDE":    "MAC_OVERRIDE (bypasses the AppArmor/SELinux policy)",
	"SYSLOG":          "SYSLOG (reads and clears the kernel log, which leaks kernel addresses)",
}

// secUnknownItem finds an unknown element of a list attribute, with its
// path, so that a rule reports it instead of judging the rest.
func secUnknownItem(r *infra.Resource, attr string) (infra.Value, string, bool) {
	v := r.Attrs.Get(attr)
	if !v.IsKnown() {
		return v, attr, true
	}
	for i, e := range v.List() {
		if !e.IsKnown() {
			return e, fmt.Sprintf("%s[%d]", attr, i), true
		}
	}
	return infra.Value{}, "", false
}

// secOpt is one security_opt entry, split as Docker splits it: key=value,
// or the older key:value ("no-new-privileges:true", "seccomp=unconfined").
type secOpt struct {
	key, value string
	path       string
	raw        string
}

func secOpts(r *infra.Resource) []secOpt {
	var out []secOpt
	for i, e := range r.Attrs.Get("security_opt").List() {
		raw := strings.TrimSpace(str(e))
		k, v := raw, ""
		if i := strings.IndexAny(raw, "=:"); i >= 0 {
			k, v = raw[:i], raw[i+1:]
		}
		out = append(out, secOpt{key: strings.ToLower(k), value: strings.ToLower(v), path: fmt.Sprintf("security_opt[%d]", i), raw: raw})
	}
	return out
}

// secIsRootUser reports a user: or USER value that runs as root: root or
// 0, with or without a group.
func secIsRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name == "0"
}

// secImageRepo is an image reference's repository path, lower case,
// without registry, tag or digest: "postgres" for postgres:16,
// "bitnami/postgresql" for docker.io/bitnami/postgresql:16@sha256:…,
// "mssql/server" for mcr.microsoft.com/mssql/server:2022-latest.
func secImageRepo(image string) string {
	s := strings.ToLower(strings.TrimSpace(image))
	s, _, _ = strings.Cut(s, "@")
	if i := strings.LastIndexByte(s, ':'); i > strings.LastIndexByte(s, '/') {
		s = s[:i]
	}
	if first, rest, ok := strings.Cut(s, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		s = rest
	}
	return strings.TrimPrefix(s, "library/")
}

// secImageBase is the last element of the repository path: "postgresql"
// for bitnami/postgresql.
func secImageBase(image string) string {
	repo := secImageRepo(image)
	return repo[strings.LastIndexByte(repo, '/')+1:]
}

// Environment variables.

// secLiteralSecret says why an environment value is a literal secret, or
// "" when it is not one. Values that only reference a variable ($DB_PASS,
// written $$DB_PASS, which the container's shell expands) are not literal.
func secLiteralSecret(name string, v infra.Value) string {
	s, _ := v.Str()
	s = strings.TrimSpace(s)
	switch {
	case secretname.PrivateKey(s):
		return "set to a literal private key"
	case secretname.URLPassword(s, func(pw string) bool { return strings.Contains(pw, "$") }):
		return "a URL with a literal password in it"
	case !secretname.Is(name) || secretname.IsReference(name) || secretname.IsSwitch(name) || secIsReferenceValue(s):
		return ""
	}
	return "set to a literal value"
}

// secIsReferenceValue reports values that are not secrets themselves: a
// switch (true, yes, 1), a variable the container's shell expands, a file
// path (/run/secrets/db), or a reference a secrets injector resolves.
func secIsReferenceValue(s string) bool {
	if strings.HasPrefix(s, "$") && !strings.ContainsAny(s[1:], "$ ") {
		return true
	}
	return secretname.Switch(s) || secretname.FilePath(s) || secretname.Injected(s)
}

// Published ports.

// secAllInterfaces reports a host_ip that publishes on every interface of
// the host: none (Docker's default, 0.0.0.0 and ::), or a wildcard.
func secAllInterfaces(hostIP string) bool {
	switch strings.Trim(strings.TrimSpace(hostIP), "[]") {
	case "", "0.0.0.0", "::", "*":
		return true
	}
	return false
}

// secInternalPorts are container ports of data stores and control planes
// whose protocol is meant for the services next to them, not for the
// network: a port number alone identifies them. Ports that many programs
// use (9000, 8080, 7000) are judged by image name instead.
var secInternalPorts = map[int]string{
	5432:  "PostgreSQL",
	3306:  "MySQL/MariaDB",
	33060: "MySQL X protocol",
	1433:  "SQL Server",
	1521:  "Oracle Database",
	27017: "MongoDB",
	27018: "MongoDB",
	27019: "MongoDB",
	6379:  "Redis",
	11211: "Memcached",
	9200:  "Elasticsearch/OpenSearch HTTP API",
	9300:  "Elasticsearch transport",
	5984:  "CouchDB",
	9042:  "Cassandra CQL",
	7687:  "Neo4j Bolt",
	8086:  "InfluxDB",
	26257: "CockroachDB",
	8529:  "ArangoDB",
	5672:  "AMQP (RabbitMQ)",
	15672: "RabbitMQ management",
	2375:  "Docker Engine API (plaintext)",
	2376:  "Docker Engine API",
	8500:  "Consul HTTP API",
	2379:  "etcd client API",
	2380:  "etcd peer API",
	10250: "kubelet API",
}

// secInternalImages are images (repository base names) of data stores and
// of admin consoles, every published port of which is internal. They are
// matched on the last element of the repository (postgres, bitnami/postgresql)
// or, where that is generic, on the whole path.
var secInternalImages = map[string]string{
	"postgres": "PostgreSQL", "postgresql": "PostgreSQL", "postgis": "PostgreSQL", "timescaledb": "PostgreSQL",
	"mysql": "MySQL", "mysql-server": "MySQL", "mariadb": "MariaDB", "percona-server": "Percona Server", "percona": "Percona Server",
	"mongo": "MongoDB", "mongodb": "MongoDB", "mongodb-community-server": "MongoDB",
	"redis": "Redis", "redis-stack": "Redis", "redis-stack-server": "Redis", "valkey": "Valkey", "keydb": "KeyDB",
	"memcached": "Memcached", "elasticsearch": "Elasticsearch", "opensearch": "OpenSearch",
	"couchdb": "CouchDB", "cassandra": "Cassandra", "scylla": "ScyllaDB", "neo4j": "Neo4j", "influxdb": "InfluxDB",
	"cockroach": "CockroachDB", "arangodb": "ArangoDB", "rabbitmq": "RabbitMQ", "etcd": "etcd",
	"azure-sql-edge": "SQL Server", "mssql/server": "SQL Server", "mssql-server-linux": "SQL Server",
	// Admin consoles: whoever reaches them holds the database (or, for
	// Portainer, the Docker host).
	"portainer": "Portainer (Docker admin console)", "portainer-ce": "Portainer (Docker admin console)", "portainer-ee": "Portainer (Docker admin console)",
	"pgadmin4": "pgAdmin", "phpmyadmin": "phpMyAdmin", "adminer": "Adminer", "mongo-express": "mongo-express",
	"redis-commander": "Redis Commander",
}

// secInternalImage names the data store or admin console an image is, or "".
func secInternalImage(image string) string {
	if what, ok := secInternalImages[secImageRepo(image)]; ok {
		return what
	}
	return secInternalImages[secImageBase(image)]
}

// secStr is a string attribute's text; ok is false when it is unknown
// (recorded on c), so the caller stops.
func secStr(c *rules.Check, path string) (string, bool) {
	v := c.R.Attrs.Get(path)
	if !v.IsKnown() {
		c.Unknown(path, v)
		return "", false
	}
	return str(v), true
}
