/**
 * Word lists the language rules share: words that look like people but are products, services,
 * places or teams; role nouns; verbs only people do. Lower-case throughout.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/**
 * Products, services, tools, languages, companies, regions and common service codenames
 * (mythology, stars) that compromise may read as first or last names. Not a person here, except
 * the few in ALSO_FIRST_NAMES in person-only context.
 */
export const NOT_PEOPLE = words(`
  jenkins hudson travis circle circleci bamboo teamcity buildkite drone tekton concourse harness octopus spinnaker argo argocd flux
  kafka zookeeper pulsar rabbit rabbitmq nats kinesis celery sidekiq resque dramatiq temporal cadence camunda airflow luigi dagster prefect
  cassandra scylla dynamo dynamodb spanner bigtable bigquery cockroach cockroachdb vitess tidb yugabyte mongo mongodb couchbase couchdb riak
  neo4j elasticsearch elastic opensearch solr lucene clickhouse druid pinot presto trino hive hadoop hbase kudu impala ceph gluster minio
  redis valkey memcached memcache postgres postgresql mysql mariadb oracle sybase sqlite aurora athena redshift snowflake databricks
  etcd consul nomad vault terraform packer vagrant boundary waypoint pulumi crossplane ansible chef puppet salt saltstack
  kubernetes k8s docker podman containerd mesos marathon rancher openshift helm istio linkerd envoy traefik caddy nginx apache tomcat
  jetty kestrel gunicorn puma unicorn passenger haproxy varnish squid bind unbound coredns kubelet kubectl systemd cron crond
  grafana kibana prometheus thanos cortex mimir loki tempo jaeger zipkin datadog splunk sumo loggly papertrail graylog fluentd logstash
  filebeat vector nagios zabbix icinga sensu opsgenie pagerduty victorops statuspage rundeck alertmanager honeycomb lightstep
  sentry bugsnag rollbar newrelic dynatrace appdynamics slack zoom teams jira confluence trello asana notion github gitlab bitbucket
  gerrit phabricator okta auth0 keycloak duo yubikey heroku netlify vercel fastly akamai cloudflare cloudfront linode vultr hetzner
  digitalocean aws azure gcp gke eks aks ec2 s3 rds lambda fargate beanstalk cognito route53 glue sagemaker bedrock
  stripe adyen braintree plaid twilio sendgrid mailgun zendesk intercom segment mixpanel amplitude looker tableau salesforce hubspot
  ruby rails python java kotlin scala golang rust perl erlang elixir phoenix node nodejs deno bun django flask spring hibernate
  react angular vue ember svelte gatsby maven gradle bazel homebrew debian ubuntu centos fedora alpine windows linux macos android ios
  chrome chromium firefox safari edge electron swift dart julia haskell pascal lua crystal elm jackson guava jasmine mocha jest karma
  cypress selenium playwright percy siri alexa cortana watson dependabot renovate atlantis sonarqube snyk vagrant citrix vmware openstack
  hermes apollo atlas zeus titan orion artemis ares odin thor freya iris ceres juno vesta minerva mercury gemini pegasus hydra nova
  luna stella hera janus nemesis kronos chronos athena poseidon hades apollo triton neptune pluto saturn jupiter mars venus sirius vega
  polaris andromeda cassiopeia phoenix griffin sphinx cerberus argus medusa echo oberon titania
  sydney melbourne frankfurt dublin london paris tokyo singapore mumbai seoul osaka jakarta montreal toronto stockholm milan madrid
  amsterdam zurich chicago dallas atlanta denver seattle austin virginia oregon ohio california ireland london sao paulo ashburn
  jordan georgia victoria florence charlotte savannah phoenix houston boston portland lyon marseille berlin munich hamburg warsaw
  prague vienna brussels oslo helsinki copenhagen lisbon barcelona bangalore chennai hyderabad delhi pune beijing shanghai shenzhen
  hong kong taipei manila bangkok hanoi sydney auckland johannesburg cape town cairo lagos nairobi dubai bahrain tel aviv
  virginia carolina dakota montana nevada arizona utah idaho indiana kentucky tennessee alabama louisiana
  barclays hsbc santander visa mastercard amex paypal venmo revolut monzo wise klarna
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
  november december
`);

/**
 * Words of NOT_PEOPLE (places, months) that are also common first names. They stay places unless
 * the context fits only a person: "Victoria noticed…", "paged Austin", "Georgia from the DBA team".
 * Codenames that are names too (Iris, Juno) are left out: bots also page and post.
 */
export const ALSO_FIRST_NAMES = words(`
  victoria jordan austin georgia sydney florence charlotte savannah virginia carolina dakota paris dallas houston milan
  april may june august
`);

/** Words that make a capitalised word before them a product or team name, not a person ("Vault cluster"). */
export const SYSTEM_HEADS = words(`
  cluster clusters service services server servers node nodes broker brokers api apis database databases db dbs job jobs pipeline
  pipelines dashboard dashboards alert alerts team teams queue queues bucket buckets instance instances region regions zone zones
  worker workers pod pods container containers image images release releases build builds deploy deploys deployment deployments
  config configs configuration cache caches proxy proxies gateway gateways agent agents client clients sdk library libraries plugin
  plugins module modules driver drivers controller controllers operator operators endpoint endpoints console portal app apps bank
  tenant tenants account accounts plan plans tier tiers network networks datacenter datacentre dc site sites ring rings shard shards
  table tables topic topics stream streams schema schemas index indexes version versions migration migrations script scripts runner
  runners fleet fleets host hosts vm vms disk disks volume volumes cert certs certificate certificates key keys token tokens secret
  secrets policy policies rule rules flag flags project projects repo repos repository repositories branch ticket tickets issue
  issues monitor monitors metric metrics panel panels group groups org orgs channel channels workspace stack stacks environment
  environments status page pages store stores front door actions functions engine engines platform platforms region
  bot bots daemon daemons router routers orchestrator orchestrators scheduler schedulers
`);

/** Nouns (heads of a noun phrase) that denote people or groups of people acting in the incident. */
export const PERSON_NOUNS = words(`
  engineer engineers operator operators developer developers dev devs sre sres on-call oncall on-caller on-callers responder responders
  commander commanders ic reviewer reviewers approver approvers author authors lead leads manager managers admin admins
  administrator administrators dba dbas team teams staff employee employees contractor contractors person people human humans
  individual individuals colleague colleagues teammate teammates analyst analysts technician technicians owner owners maintainer
  maintainers tester testers qa member members ops engineering support operations management leadership someone somebody anyone
  anybody everyone everybody nobody guy guys folks firefighter coordinator specialist specialists architect architects expert
  experts intern interns newcomer hire hires requester submitter committer committers deployer deployers releaser oncaller
`);

/** People who are affected rather than acting: not the subject of a counterfactual about responders. */
export const AFFECTED_PEOPLE = words(`customer customers user users client clients player players merchant merchants subscriber subscribers visitor visitors buyer buyers shopper shoppers patient patients viewer viewers caller callers tenant tenants`);

export const PERSON_PRONOUNS = words(`i we you he she they me us him her them someone somebody anyone anybody nobody everyone everybody yourself ourselves themselves himself herself`);

/** Nouns that, as head of a subject, make it a system (used to break ties in counterfactuals). */
export const SYSTEM_NOUNS = words(`
  retry retries alert alerts job jobs service services cluster clusters failover check checks health-check probe probes pipeline
  monitor monitoring system systems canary script scripts tool tooling cron scheduler load balancer balancer lb proxy cache replica
  replicas primary database db queue consumer consumers producer worker workers autoscaler autoscaling limiter breaker
  circuit policy config configuration deploy deployment rollout rollback migration backup backups snapshot process api gateway
  pager paging dns certificate cert timeout lock network router switch firewall waf cdn disk node nodes host hosts kubernetes
  controller operator bot automation linter test tests suite ci build release flag flags code client sdk library app application
`);

/**
 * Verbs of thinking, deciding and talking: only people do these, so an unknown capitalised word
 * before one is a person ("Priya noticed…"). Actions systems also do (restarted, deployed, ran,
 * posted, paged) are deliberately absent: "Watchtower restarted the containers" is a tool.
 */
export const HUMAN_VERBS = words(`
  noticed notices notice realized realised realizes realises realize realise decided decides decide asked asks ask told tells
  said says suggested suggests thought thinks believed believes assumed assumes approved approves acked acknowledged
  acknowledges declared declares joined joins volunteered agreed agrees messaged called phoned emailed pinged escalated
  escalates investigated investigates looked looks tried tries typed ssh'd sshed remembered forgot forgets missed misread
  mistyped fat-fingered reviewed reviews spotted saw sees diagnosed triaged confirmed confirms woke apologized apologised
  explained explains mentioned recommended proposed coordinated led handed went came wondered wonders guessed noted
  chose worried hesitated hoped expected admitted replied answered responded commented wanted tweeted slacked dialed dialled
`);

/**
 * HUMAN_VERBS whose subject can also be a region, a system or an alert ("us-east saw errors",
 * "the node joined", "the API responded"): not enough to read a place name as a person.
 */
export const SHARED_SUBJECT_VERBS = words(`
  saw sees looked looks missed joined joins went came responded answered replied tried tries expected led handed called confirmed
  confirms acknowledged acknowledges acked escalated escalates
`);

/**
 * Hands-on acts with an object ("restarted the pod"): a region is never their agent, so a place
 * name that is also a first name is a person before one. Systems do them too, so they are not
 * HUMAN_VERBS.
 */
export const OPERATOR_VERBS = words(`
  restarted rebooted rolled reverted deployed redeployed pushed merged drained cordoned bounced killed silenced muted applied
  executed ran typed opened filed paged pinged declared flipped toggled disabled enabled deleted truncated patched edited approved
  reviewed wrote
`);

/** What a chat-style timeline speaker says first ("Giulia: rolling back", "Jordan: I'm on it"). */
export const SPEAKER_OPENERS = words(`
  i i'm im i'll i've i'd we we're we'll we've me my ack acking acked on ok okay lgtm thanks thank +1 brb yes yep nope will going
  gonna rolling restarting reverting paging checking investigating looking escalating declaring joining
  killing pushing merging bouncing silencing muting acknowledging
`);

/** Role names offered by the named-individual quick fix. */
export const ROLE_OPTIONS = [
  'the on-call engineer',
  'the incident commander',
  'the responder',
  'the deploying engineer',
  'the reviewer',
  'the change author',
  'a support engineer',
] as const;

/** Parts of @handles that mark a team or group handle ("@sre-oncall", "@here"), not a person. */
export const TEAM_HANDLE_PARTS = words(`
  team teams oncall on-call sre sres ops devops eng engineering channel here everyone all group squad devs dev bot bots alerts
  alert support infra platform security admins admin leads managers incident incidents ic dba dbas db payments checkout storage
  network networking data backend frontend mobile web api core release releases deploy deploys qa ops-team help helpdesk noc soc
`);

/**
 * Common first names missing from compromise's lexicon (it knows ~3,000, mostly Anglo-European),
 * so "Priya paged the database team" is read as a person like "Sarah paged the database team".
 * Written without accents ("lukasz" for Łukasz), as names are looked up.
 */
export const EXTRA_FIRST_NAMES = words(`
  aditi aditya aiko akosua amara anand anjali ankit bao bongani chidi chinedu chioma daiki devika divya emeka esra farhan femi
  gaurav giorgos haruka hina hiroshi huda hyun ifeoma jiho jisoo kaito kavya kemal kenji keisuke kofi kwame lakshmi musa naveen
  neha ngozi nkechi olu oluwaseun pooja pranav priya raj ravi rui seun shreya siddharth sipho somchai sunil tariq tendai thabo
  tiago tunde uchenna vikram vinod wanjiru xin yara yash yuki zhen arash babak parisa shirin dariusz agnieszka katarzyna
  malgorzata svetlana mircea aoife sinead saoirse sigrid lasse mikko juha antti teemu sanna kenta ryo takeshi yusuke shota minji
  seojun jiwoo taeyang niamh siobhan ciaran eoin padraig rohan arnav aryan riya kiran sanjay rajesh prakash deepak suresh
  lukasz pawel grzegorz bartosz mateusz dawid kasia wiktoria dorota jolanta agata jiri stepan radek vaclav zdenek dusan
  attila zoltan gabor tamas bence jurgen jorg jorgen oystein hakon sigurd malin linnea pekka jukka heikki anneli paivi tuomas
  eero aleksi ozlem selin emre burak oguz gokhan cagri hulya goncalo nuria giulia chiara davide noemie thibault maelle benoit
  aurelien loic amelie elodie
`);

/** Common surnames missing from compromise's lexicon (also used to read usernames like "rkapoor"). */
export const EXTRA_LAST_NAMES = words(`
  gupta wang souza okafor adeyemi okonkwo mensah rahman iyer reddy nair menon rao das bose mukherjee banerjee joshi desai mehta
  shah verma mishra pandey tiwari yadav chaudhary bhat kapoor sharma patel singh kumar nguyen tran pham choi zhang liu huang zhao
  zhou wu tanaka suzuki sato takahashi watanabe yamamoto nakamura kobayashi ito garcia rodriguez martinez hernandez lopez
  gonzalez perez sanchez ramirez torres silva santos oliveira costa pereira ferreira almeida ivanov petrov smirnov kowalski nowak
  muller schmidt schneider fischer weber meyer wagner becker rossi russo ferrari esposito bianchi romano dubois jansen andersson
  johansson karlsson nilsson larsen hansen nielsen jensen olsen virtanen korhonen khan hussain hassan ibrahim yilmaz kaya demir
`);

/** Two-letter abbreviations that are never a person's initials. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  `ic ci cd qa pm em tl ha dc az eu us uk id io ip db lb vm ml ai os ui ux hr it ok pr mr cs cx pd bd ops am pm tz ns mq
   ga sla hq dr rr ro rw wp lt gc jp cn de fr in au ca ie nl es se no fi dk sg hk kr br mx za ae tw ns fs ec ad dd gh gl bq sf
   cf tf pg rb js ts eb rt cp dp pv ds bi ee gp sp ap av ax nat tcp ssh ftp ll cc bc ac`.split(/\s+/),
);

/** Names that are also everyday words ("Grant access", "Chase and Amex"): a person only with more context. */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set(
  `grant chase mark will may bill rob pat sue drew jack frank rose amber ruby crystal jade pearl hope faith joy summer dawn iris
   ivy holly lily daisy sky river stone page lane hill wood price cash major young long bell baker mason cook miller parker
   hunter fisher bishop king rich gene art dean don ray guy nick max chance cliff dale glen heath reed rod wade penny candy ginger
   hazel olive violet sandy misty sunny angel destiny harmony melody august june april autumn winter kit sterling earl duke
   prince royal sage storm lance buck bud chip rusty skip sonny tab van`.split(/\s+/),
);
