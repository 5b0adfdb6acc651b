-- One database and one user per service (the compose stack only; run by the mysql image on an empty
-- data volume). Each service may change only its own schema: it runs its own migrations at start and
-- never reads another service's tables.
-- The passwords are for the local compose stack only and match the DATABASE_URLs in compose.yaml.
-- Production databases and users are created by your database tooling, with real secrets, and the
-- URLs go into the `crosswalk-secrets` Secret (deploy/k8s/secret.template.yaml).

CREATE DATABASE IF NOT EXISTS crosswalk_schools CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS crosswalk_events CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS crosswalk_fellowships CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS crosswalk_colocations CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS crosswalk_metrics CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'crosswalk_schools'@'%' IDENTIFIED BY 'schools-local-only';
CREATE USER IF NOT EXISTS 'crosswalk_events'@'%' IDENTIFIED BY 'events-local-only';
CREATE USER IF NOT EXISTS 'crosswalk_fellowships'@'%' IDENTIFIED BY 'fellowships-local-only';
CREATE USER IF NOT EXISTS 'crosswalk_colocations'@'%' IDENTIFIED BY 'colocations-local-only';
CREATE USER IF NOT EXISTS 'crosswalk_metrics'@'%' IDENTIFIED BY 'metrics-local-only';

GRANT ALL PRIVILEGES ON crosswalk_schools.* TO 'crosswalk_schools'@'%';
GRANT ALL PRIVILEGES ON crosswalk_events.* TO 'crosswalk_events'@'%';
GRANT ALL PRIVILEGES ON crosswalk_fellowships.* TO 'crosswalk_fellowships'@'%';
GRANT ALL PRIVILEGES ON crosswalk_colocations.* TO 'crosswalk_colocations'@'%';
GRANT ALL PRIVILEGES ON crosswalk_metrics.* TO 'crosswalk_metrics'@'%';

FLUSH PRIVILEGES;
