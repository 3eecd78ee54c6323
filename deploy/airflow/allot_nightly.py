"""Allot's nightly run as an Airflow DAG (Airflow 2.7+ with apache-airflow-providers-cncf-kubernetes).

Each daily interval runs `allot run --date <the interval's date>` in a pod from the Allot image:
the interval from 01:30 UTC on day D to 01:30 on D+1 is run at its end, and {{ ds }} is D, the
night that ended. Airflow passes the date rather than `yesterday`, so a retry after midnight, a
cleared task or a backfill (`airflow dags backfill`) runs the right night. The database comes from the
Kubernetes Secret allot-db, the Spark master and the other settings from the ConfigMap
allot-config (../kubernetes/config.yaml), shared with the CronJob.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret
from kubernetes.client import models as k8s

IMAGE = "registry.example.com/allot:0.1.0-SNAPSHOT"

DB_SECRETS = [
    Secret("env", "ALLOT_DB_URL", "allot-db", "url"),
    Secret("env", "ALLOT_DB_USER", "allot-db", "user"),
    Secret("env", "ALLOT_DB_PASSWORD", "allot-db", "password"),
]

with DAG(
    dag_id="allot_nightly",
    start_date=datetime(2026, 12, 1),
    # 01:30 UTC, after the night's logs are complete (the same time as the CronJob).
    schedule="30 1 * * *",
    # Missed intervals are not run on their own; backfill them on purpose.
    catchup=False,
    # One run per date at a time: a second would be refused with exit code 5 (the run lock).
    max_active_runs=1,
    default_args={
        # A retry resumes the run at its failed step; exit codes 2 (bad input), 3 (bad
        # configuration) and 5 (lock held) will fail again, 4 (PostgreSQL or Spark unreachable) may not.
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
    },
    tags=["allot"],
) as dag:
    KubernetesPodOperator(
        task_id="allot_run",
        name="allot-run",
        image=IMAGE,
        # {{ ds }}: the interval's start date, the night that ended (see the module docstring).
        arguments=["run", "--date", "{{ ds }}"],
        env_from=[k8s.V1EnvFromSource(config_map_ref=k8s.V1ConfigMapEnvSource(name="allot-config"))],
        secrets=DB_SECRETS,
        security_context=k8s.V1PodSecurityContext(run_as_non_root=True, run_as_user=1000, run_as_group=1000,
                                                  fs_group=1000),
        container_resources=k8s.V1ResourceRequirements(requests={"cpu": "4", "memory": "8Gi"},
                                                       limits={"memory": "10Gi"}),
        volumes=[
            k8s.V1Volume(name="work",
                         persistent_volume_claim=k8s.V1PersistentVolumeClaimVolumeSource(claim_name="allot-work")),
            k8s.V1Volume(name="data",
                         persistent_volume_claim=k8s.V1PersistentVolumeClaimVolumeSource(claim_name="allot-data")),
        ],
        volume_mounts=[
            k8s.V1VolumeMount(name="work", mount_path="/opt/allot/work"),
            k8s.V1VolumeMount(name="data", mount_path="/data", read_only=True),
        ],
        get_logs=True,
        on_finish_action="delete_pod",
    )
