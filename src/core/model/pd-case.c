/* pd-case.c: one permit application for one person, of one kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <string.h>

#include "pd-case.h"
#include "pd-model-private.h"

struct _PdCase
{
  GObject parent_instance;

  char *id;
  PdCaseKind kind;
  PdCaseStatus status;
  char *city;
  PdPermitCategory category;
  PdPerson *person;
  PdEmployer *employer;
  PdPermit *permit;
  gboolean legacy_card;
  GDate *submitted_on;
  GDate *next_deadline;
  char *notes;
  char *remote_id;
  gint64 version;
  GDateTime *created_at;
  GDateTime *updated_at;
  gboolean is_demo;

  GListStore *documents; /* PdDocument, created when first needed */
  GListStore *filings;   /* PdFiling, created when first needed */
  const PdCaseListsLoader *loader; /* reads both lists on first use, see pd_case_set_lists_loader() */
  gpointer    loader_data;
  gboolean    lists_loaded;
  guint       lists_stamp;  /* the stamp when the loader filled the lists */
  gboolean    lists_unreadable; /* a copy of a case whose lists could not be read */

  guint stamp;           /* changes with every change of the case */
  gpointer cache;        /* data a view keeps with the case, see pd_case_set_cache() */
  GDestroyNotify cache_destroy;
};

G_DEFINE_FINAL_TYPE (PdCase, pd_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_STATUS,
  PROP_CITY,
  PROP_CATEGORY,
  PROP_PERSON,
  PROP_EMPLOYER,
  PROP_PERMIT,
  PROP_LEGACY_CARD,
  PROP_SUBMITTED_ON,
  PROP_NEXT_DEADLINE,
  PROP_NOTES,
  PROP_REMOTE_ID,
  PROP_VERSION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_IS_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Set by pd_case_new_for_load() around g_object_new(): the loader sets every
 * field itself, so init spares a default person and two clock readings. */
static _Thread_local gboolean constructing_for_load;

/* A loaded case reads its documents and filings from the store only when they
 * are first asked for: most of 100,000 cases never are. */
static void
ensure_lists (PdCase *self)
{
  if (self->loader == NULL || self->lists_loaded)
    return;

  if (self->documents == NULL)
    self->documents = g_list_store_new (PD_TYPE_DOCUMENT);
  if (self->filings == NULL)
    self->filings = g_list_store_new (PD_TYPE_FILING);
  /* Set first: the loader's appends come back here through documents_of(). */
  self->lists_loaded = TRUE;
  if (!self->loader->load (self->loader_data, self, self->documents, self->filings))
    {
      /* Read again on the next use; until then the lists are empty and the
       * store refuses to save the case (see pd_case_lists_loaded()). */
      g_list_store_remove_all (self->documents);
      g_list_store_remove_all (self->filings);
      self->lists_loaded = FALSE;
    }
  self->lists_stamp = self->stamp;
}

/* Most loaded cases never have their lists looked at individually; an empty
 * GListStore each would cost memory for every one of them. */
static GListStore *
documents_of (PdCase *self)
{
  ensure_lists (self);
  if (self->documents == NULL)
    self->documents = g_list_store_new (PD_TYPE_DOCUMENT);
  return self->documents;
}

static GListStore *
filings_of (PdCase *self)
{
  ensure_lists (self);
  if (self->filings == NULL)
    self->filings = g_list_store_new (PD_TYPE_FILING);
  return self->filings;
}

/* Every change of any case, for pd_case_get_change_count(). */
static guint change_count;

static void
bump_stamp (PdCase *self)
{
  self->stamp++;
  g_atomic_int_inc (&change_count);
}

static void
notify_changed (PdCase     *self,
                GParamSpec *pspec)
{
  bump_stamp (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
pd_case_finalize (GObject *object)
{
  PdCase *self = (PdCase *) object;

  if (self->cache_destroy != NULL)
    self->cache_destroy (self->cache);
  if (self->loader != NULL)
    self->loader->release (self->loader_data);
  g_clear_object (&self->documents);
  g_clear_object (&self->filings);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_object (&self->person);
  g_clear_object (&self->employer);
  g_clear_object (&self->permit);
  g_clear_pointer (&self->submitted_on, g_date_free);
  g_clear_pointer (&self->next_deadline, g_date_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (pd_case_parent_class)->finalize (object);
}

static void
pd_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PdCase *self = PD_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;

    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    case PROP_EMPLOYER:
      g_value_set_object (value, self->employer);
      break;

    case PROP_PERMIT:
      g_value_set_object (value, self->permit);
      break;

    case PROP_LEGACY_CARD:
      g_value_set_boolean (value, self->legacy_card);
      break;

    case PROP_SUBMITTED_ON:
      g_value_set_boxed (value, self->submitted_on);
      break;

    case PROP_NEXT_DEADLINE:
      g_value_set_boxed (value, self->next_deadline);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_case_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PdCase *self = PD_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = pd_model_new_id (g_value_get_string (value));
      break;

    case PROP_KIND:
      pd_case_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_STATUS:
      pd_case_set_status (self, g_value_get_enum (value));
      break;

    case PROP_CITY:
      pd_case_set_city (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY:
      pd_case_set_category (self, g_value_get_enum (value));
      break;

    case PROP_PERSON:
      pd_case_set_person (self, g_value_get_object (value));
      break;

    case PROP_EMPLOYER:
      pd_case_set_employer (self, g_value_get_object (value));
      break;

    case PROP_PERMIT:
      pd_case_set_permit (self, g_value_get_object (value));
      break;

    case PROP_LEGACY_CARD:
      pd_case_set_legacy_card (self, g_value_get_boolean (value));
      break;

    case PROP_SUBMITTED_ON:
      pd_case_set_submitted_on (self, g_value_get_boxed (value));
      break;

    case PROP_NEXT_DEADLINE:
      pd_case_set_next_deadline (self, g_value_get_boxed (value));
      break;

    case PROP_NOTES:
      pd_case_set_notes (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_ID:
      pd_case_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      pd_case_set_version (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      pd_case_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      pd_case_set_updated_at (self, g_value_get_boxed (value));
      break;

    case PROP_IS_DEMO:
      pd_case_set_is_demo (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_case_class_init (PdCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_case_finalize;
  object_class->get_property = pd_case_get_property;
  object_class->set_property = pd_case_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PD_TYPE_CASE_KIND, PD_CASE_KIND_NEW_PERMIT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PD_TYPE_CASE_STATUS, PD_CASE_STATUS_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL, PD_TYPE_PERMIT_CATEGORY, PD_PERMIT_CATEGORY_B,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, PD_TYPE_PERSON,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EMPLOYER] =
    g_param_spec_object ("employer", NULL, NULL, PD_TYPE_EMPLOYER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PERMIT] =
    g_param_spec_object ("permit", NULL, NULL, PD_TYPE_PERMIT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LEGACY_CARD] =
    g_param_spec_boolean ("legacy-card", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SUBMITTED_ON] =
    g_param_spec_boxed ("submitted-on", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NEXT_DEADLINE] =
    g_param_spec_boxed ("next-deadline", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_case_init (PdCase *self)
{
  g_autoptr(GDateTime) now = NULL;

  self->kind = PD_CASE_KIND_NEW_PERMIT;
  self->status = PD_CASE_STATUS_DRAFT;
  self->category = PD_PERMIT_CATEGORY_B;
  if (constructing_for_load)
    return;

  now = g_date_time_new_now_utc ();
  self->person = pd_person_new ();
  self->created_at = g_date_time_ref (now);
  self->updated_at = g_date_time_ref (now);
}

PdCase *
pd_case_new (PdCaseKind kind)
{
  return g_object_new (PD_TYPE_CASE, "kind", kind, NULL);
}

static void
copy_list (GListModel *source,
           GListStore *target)
{
  guint n_items = g_list_model_get_n_items (source);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (source, i);
      g_autoptr(GObject) copy = pd_model_object_copy (item);

      g_list_store_append (target, copy);
    }
}

/* A deep copy with the same id: the editor edits a copy, then applies it. */
PdCase *
pd_case_copy (PdCase *self)
{
  PdCase *copy;

  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  copy = (PdCase *) pd_model_object_copy (G_OBJECT (self));
  g_clear_object (&copy->person);
  copy->person = pd_person_copy (self->person);
  if (self->employer != NULL)
    copy->employer = pd_employer_copy (self->employer);
  if (self->permit != NULL)
    copy->permit = pd_permit_copy (self->permit);
  copy_list (G_LIST_MODEL (documents_of (self)), documents_of (copy));
  copy_list (G_LIST_MODEL (filings_of (self)), filings_of (copy));
  /* The copy has no loader to try again: its empty lists must never be taken
   * for the case's, or saving it would delete every document and filing. */
  copy->lists_unreadable = !pd_case_lists_loaded (self);

  return copy;
}

static gboolean
lists_equal (GListModel *a,
             GListModel *b)
{
  guint n_items = g_list_model_get_n_items (a);

  if (n_items != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item_a = g_list_model_get_item (a, i);
      g_autoptr(GObject) item_b = g_list_model_get_item (b, i);

      if (!pd_model_object_equal (item_a, item_b))
        return FALSE;
    }

  return TRUE;
}

/* Equal when every field, of the case and of everything it holds, is equal. */
gboolean
pd_case_equal (PdCase *self,
               PdCase *other)
{
  g_return_val_if_fail (PD_IS_CASE (self), FALSE);
  g_return_val_if_fail (PD_IS_CASE (other), FALSE);

  return pd_model_object_equal (G_OBJECT (self), G_OBJECT (other)) &&
         lists_equal (G_LIST_MODEL (documents_of (self)), G_LIST_MODEL (documents_of (other))) &&
         lists_equal (G_LIST_MODEL (filings_of (self)), G_LIST_MODEL (filings_of (other)));
}

const char *
pd_case_get_id (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->id;
}

PdCaseKind
pd_case_get_kind (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), 0);

  return self->kind;
}

void
pd_case_set_kind (PdCase     *self,
                  PdCaseKind  kind)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (g_enum_get_value (g_type_class_peek (PD_TYPE_CASE_KIND), kind) != NULL);

  if (self->kind == kind)
    return;

  self->kind = kind;
  notify_changed (self, properties[PROP_KIND]);
}

PdCaseStatus
pd_case_get_status (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), 0);

  return self->status;
}

void
pd_case_set_status (PdCase       *self,
                    PdCaseStatus  status)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (g_enum_get_value (g_type_class_peek (PD_TYPE_CASE_STATUS), status) != NULL);

  if (self->status == status)
    return;

  self->status = status;
  notify_changed (self, properties[PROP_STATUS]);
}

const char *
pd_case_get_city (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->city;
}

void
pd_case_set_city (PdCase     *self,
                  const char *city)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (pd_model_set_string (&self->city, city))
    notify_changed (self, properties[PROP_CITY]);
}

PdPermitCategory
pd_case_get_category (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), 0);

  return self->category;
}

void
pd_case_set_category (PdCase           *self,
                      PdPermitCategory  category)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (g_enum_get_value (g_type_class_peek (PD_TYPE_PERMIT_CATEGORY), category) != NULL);

  if (self->category == category)
    return;

  self->category = category;
  notify_changed (self, properties[PROP_CATEGORY]);
}

PdPerson *
pd_case_get_person (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->person;
}

void
pd_case_set_person (PdCase   *self,
                    PdPerson *person)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (PD_IS_PERSON (person));

  if (g_set_object (&self->person, person))
    notify_changed (self, properties[PROP_PERSON]);
}

PdEmployer *
pd_case_get_employer (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->employer;
}

void
pd_case_set_employer (PdCase     *self,
                      PdEmployer *employer)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (employer == NULL || PD_IS_EMPLOYER (employer));

  if (g_set_object (&self->employer, employer))
    notify_changed (self, properties[PROP_EMPLOYER]);
}

PdPermit *
pd_case_get_permit (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->permit;
}

void
pd_case_set_permit (PdCase   *self,
                    PdPermit *permit)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (permit == NULL || PD_IS_PERMIT (permit));

  if (g_set_object (&self->permit, permit))
    notify_changed (self, properties[PROP_PERMIT]);
}

gboolean
pd_case_get_legacy_card (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), FALSE);

  return self->legacy_card;
}

void
pd_case_set_legacy_card (PdCase   *self,
                         gboolean  legacy_card)
{
  g_return_if_fail (PD_IS_CASE (self));

  legacy_card = !!legacy_card;
  if (self->legacy_card == legacy_card)
    return;

  self->legacy_card = legacy_card;
  notify_changed (self, properties[PROP_LEGACY_CARD]);
}

GDate *
pd_case_get_submitted_on (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->submitted_on;
}

void
pd_case_set_submitted_on (PdCase      *self,
                          const GDate *submitted_on)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (pd_model_set_date (&self->submitted_on, submitted_on))
    notify_changed (self, properties[PROP_SUBMITTED_ON]);
}

GDate *
pd_case_get_next_deadline (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->next_deadline;
}

void
pd_case_set_next_deadline (PdCase      *self,
                           const GDate *next_deadline)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (pd_model_set_date (&self->next_deadline, next_deadline))
    notify_changed (self, properties[PROP_NEXT_DEADLINE]);
}

const char *
pd_case_get_notes (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->notes;
}

void
pd_case_set_notes (PdCase     *self,
                   const char *notes)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (pd_model_set_string (&self->notes, notes))
    notify_changed (self, properties[PROP_NOTES]);
}

const char *
pd_case_get_remote_id (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->remote_id;
}

void
pd_case_set_remote_id (PdCase     *self,
                       const char *remote_id)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (pd_model_set_string (&self->remote_id, remote_id))
    notify_changed (self, properties[PROP_REMOTE_ID]);
}

gint64
pd_case_get_version (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), 0);

  return self->version;
}

void
pd_case_set_version (PdCase *self,
                     gint64  version)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (self->version == version)
    return;

  self->version = version;
  notify_changed (self, properties[PROP_VERSION]);
}

GDateTime *
pd_case_get_created_at (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->created_at;
}

void
pd_case_set_created_at (PdCase    *self,
                        GDateTime *created_at)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (pd_model_set_date_time (&self->created_at, created_at))
    notify_changed (self, properties[PROP_CREATED_AT]);
}

GDateTime *
pd_case_get_updated_at (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->updated_at;
}

void
pd_case_set_updated_at (PdCase    *self,
                        GDateTime *updated_at)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (pd_model_set_date_time (&self->updated_at, updated_at))
    notify_changed (self, properties[PROP_UPDATED_AT]);
}

gboolean
pd_case_get_is_demo (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), FALSE);

  return self->is_demo;
}

void
pd_case_set_is_demo (PdCase   *self,
                     gboolean  is_demo)
{
  g_return_if_fail (PD_IS_CASE (self));

  is_demo = !!is_demo;
  if (self->is_demo == is_demo)
    return;

  self->is_demo = is_demo;
  notify_changed (self, properties[PROP_IS_DEMO]);
}

/* The documents of the case (PdDocument), in checklist order. */
GListModel *
pd_case_get_documents (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return G_LIST_MODEL (documents_of (self));
}

void
pd_case_add_document (PdCase     *self,
                      PdDocument *document)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (PD_IS_DOCUMENT (document));

  g_list_store_append (documents_of (self), document);
  bump_stamp (self);
}

gboolean
pd_case_remove_document (PdCase     *self,
                         PdDocument *document)
{
  guint position;

  g_return_val_if_fail (PD_IS_CASE (self), FALSE);
  g_return_val_if_fail (PD_IS_DOCUMENT (document), FALSE);

  if (!g_list_store_find (documents_of (self), document, &position))
    return FALSE;

  g_list_store_remove (self->documents, position);
  bump_stamp (self);
  return TRUE;
}

/* The in-person filings of the case (PdFiling). */
GListModel *
pd_case_get_filings (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return G_LIST_MODEL (filings_of (self));
}

void
pd_case_add_filing (PdCase   *self,
                    PdFiling *filing)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (PD_IS_FILING (filing));

  g_list_store_append (filings_of (self), filing);
  bump_stamp (self);
}

gboolean
pd_case_remove_filing (PdCase   *self,
                       PdFiling *filing)
{
  guint position;

  g_return_val_if_fail (PD_IS_CASE (self), FALSE);
  g_return_val_if_fail (PD_IS_FILING (filing), FALSE);

  if (!g_list_store_find (filings_of (self), filing, &position))
    return FALSE;

  g_list_store_remove (self->filings, position);
  bump_stamp (self);
  return TRUE;
}

static gboolean
same_id (GObject *a,
         GObject *b)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;

  g_object_get (a, "id", &id_a, NULL);
  g_object_get (b, "id", &id_b, NULL);
  return g_strcmp0 (id_a, id_b) == 0;
}

/* The same person (employer, permit) is updated in place so that views bound to it
 * follow; a different one replaces it. */
static void
apply_child (PdCase   *self,
             guint     prop_id,
             GObject **slot,
             GObject  *edited)
{
  g_autoptr(GObject) replacement = NULL;

  if (*slot != NULL && edited != NULL && same_id (*slot, edited))
    {
      pd_model_object_apply (*slot, edited);
      return;
    }

  if (edited != NULL)
    replacement = pd_model_object_copy (edited);
  if (g_set_object (slot, replacement))
    notify_changed (self, properties[prop_id]);
}

static GObject *
find_by_id (GListModel *model,
            GObject    *like,
            guint      *position)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (same_id (item, like))
        {
          *position = i;
          return g_steal_pointer (&item);
        }
    }

  return NULL;
}

/* Items keep their identity; the store is spliced only when the set or order changed. */
static void
apply_list (GListStore *target,
            GListModel *source)
{
  guint n_source = g_list_model_get_n_items (source);
  guint n_target = g_list_model_get_n_items (G_LIST_MODEL (target));
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n_source, g_object_unref);
  gboolean reordered = n_source != n_target;

  for (guint i = 0; i < n_source; i++)
    {
      g_autoptr(GObject) edited = g_list_model_get_item (source, i);
      guint position = 0;
      GObject *existing = find_by_id (G_LIST_MODEL (target), edited, &position);

      if (existing != NULL)
        {
          pd_model_object_apply (existing, edited);
          reordered |= position != i;
          g_ptr_array_add (items, existing);
        }
      else
        {
          reordered = TRUE;
          g_ptr_array_add (items, pd_model_object_copy (edited));
        }
    }

  if (reordered)
    g_list_store_splice (target, 0, n_target, items->pdata, items->len);
}

/* Copies every field of @edited (a copy from pd_case_copy()) into @self, notifying
 * only what changed; @self keeps its identity and so do its person, documents... */
void
pd_case_apply (PdCase *self,
               PdCase *edited)
{
  g_return_if_fail (PD_IS_CASE (self));
  g_return_if_fail (PD_IS_CASE (edited));
  g_return_if_fail (g_str_equal (self->id, edited->id));

  if (self == edited)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  pd_model_object_apply (G_OBJECT (self), G_OBJECT (edited));
  apply_child (self, PROP_PERSON, (GObject **) &self->person, G_OBJECT (edited->person));
  apply_child (self, PROP_EMPLOYER, (GObject **) &self->employer, (GObject *) edited->employer);
  apply_child (self, PROP_PERMIT, (GObject **) &self->permit, (GObject *) edited->permit);
  g_object_thaw_notify (G_OBJECT (self));

  /* A copy's unread lists are empty, not emptied. */
  if (!edited->lists_unreadable)
    {
      apply_list (documents_of (self), G_LIST_MODEL (documents_of (edited)));
      apply_list (filings_of (self), G_LIST_MODEL (filings_of (edited)));
    }
  bump_stamp (self);
}

/* The order of the case list: next deadline first (cases without one last), then
 * by name, then by id so the order is total. A GCompareDataFunc. */
int
pd_case_compare_by_deadline (gconstpointer a,
                             gconstpointer b,
                             gpointer      user_data)
{
  PdCase *case_a = PD_CASE ((gpointer) a);
  PdCase *case_b = PD_CASE ((gpointer) b);
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  int result;

  if (case_a->next_deadline != NULL || case_b->next_deadline != NULL)
    {
      if (case_a->next_deadline == NULL)
        return 1;
      if (case_b->next_deadline == NULL)
        return -1;
      result = g_date_compare (case_a->next_deadline, case_b->next_deadline);
      if (result != 0)
        return result;
    }

  name_a = pd_person_dup_display_name (case_a->person);
  name_b = pd_person_dup_display_name (case_b->person);
  result = g_utf8_collate (name_a, name_b);
  if (result != 0)
    return result;

  return strcmp (case_a->id, case_b->id);
}

/* For the store's loader: a case with @id and no person or times yet, which the
 * loader sets before anyone sees the case. */
PdCase *
pd_case_new_for_load (const char *id)
{
  PdCase *self;

  g_assert (id != NULL);

  constructing_for_load = TRUE;
  self = g_object_new (PD_TYPE_CASE, "id", id, NULL);
  constructing_for_load = FALSE;
  return self;
}

/* The documents and filings of @self are read by @loader when first asked for;
 * @loader->release (@data) is called when the case goes. */
void
pd_case_set_lists_loader (PdCase                  *self,
                          const PdCaseListsLoader *loader,
                          gpointer                 data)
{
  g_assert (PD_IS_CASE (self));
  g_assert (self->loader == NULL && self->documents == NULL && self->filings == NULL);

  self->loader = loader;
  self->loader_data = data;
}

gboolean
pd_case_lists_loaded (PdCase *self)
{
  g_assert (PD_IS_CASE (self));

  return !self->lists_unreadable && (self->loader == NULL || self->lists_loaded);
}

/* Drops lists the loader read, so that they are read again when next needed,
 * if the case has not changed since and nobody else holds the lists. Only for
 * whoever just caused the load (pd_case_lists_loaded() was FALSE before): a
 * document changed in place does not change the case's stamp. */
void
pd_case_unload_lists (PdCase *self)
{
  g_assert (PD_IS_CASE (self));

  if (self->loader == NULL || !self->lists_loaded || self->stamp != self->lists_stamp ||
      (self->documents != NULL && G_OBJECT (self->documents)->ref_count != 1) ||
      (self->filings != NULL && G_OBJECT (self->filings)->ref_count != 1))
    return;

  g_clear_object (&self->documents);
  g_clear_object (&self->filings);
  self->lists_loaded = FALSE;
}

/* A number that changes whenever the case, its documents or its filings change
 * through the case (setters, pd_case_apply()): a cache computed from the case
 * is valid while the stamp it saw is the current one. */
guint
pd_case_get_stamp (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), 0);

  return self->stamp;
}

/* Changes whenever any case changes (its stamp changes): while it returns
 * the same, every cache computed from a case since is still valid, without
 * looking at the cases. */
guint
pd_case_get_change_count (void)
{
  return (guint) g_atomic_int_get (&change_count);
}

gpointer
pd_case_get_cache (PdCase *self)
{
  g_return_val_if_fail (PD_IS_CASE (self), NULL);

  return self->cache;
}

/* One slot for derived data kept with the case (the HR views keep search keys
 * and deadlines there): cheaper than object data for 100,000 cases, which a
 * sort reads millions of times. */
void
pd_case_set_cache (PdCase         *self,
                   gpointer        cache,
                   GDestroyNotify  destroy)
{
  g_return_if_fail (PD_IS_CASE (self));

  if (self->cache_destroy != NULL)
    self->cache_destroy (self->cache);
  self->cache = cache;
  self->cache_destroy = destroy;
}

gpointer
pd_case_peek_cache (PdCase *self,
                    guint  *stamp)
{
  *stamp = self->stamp;
  return self->cache;
}
