/* test-camera.c: the camera runs a real GStreamer pipeline fed with generated frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gst/gst.h>

#include "pd-camera.h"
#include "pd-enum-types.h"
#include "pd-test-util.h"
#include "fake-cameras.h"
#include "qr-frames.h"

#define FRAME_WIDTH  640
#define FRAME_HEIGHT 480

typedef struct
{
  char          *dir;
  PdCamera      *camera;
  GPtrArray     *codes;
  guint          n_seen;
  guint          n_previews;
  int            preview_width;
  int            preview_height;
  GArray        *states;
} Fixture;

static void
on_code_found_cb (PdCamera *camera,
                  PdCode   *code,
                  Fixture  *fixture)
{
  g_ptr_array_add (fixture->codes, g_object_ref (code));
}

static void
on_code_seen_cb (PdCamera *camera,
                 PdCode   *code,
                 Fixture  *fixture)
{
  fixture->n_seen++;
}

static void
on_preview_frame_cb (PdCamera *camera,
                     GBytes   *pixels,
                     int       width,
                     int       height,
                     int       stride,
                     Fixture  *fixture)
{
  g_assert_cmpint (stride, >=, width * 4);
  g_assert_cmpuint (g_bytes_get_size (pixels), >=, (gsize)stride * (height - 1) + width * 4);

  fixture->n_previews++;
  fixture->preview_width = width;
  fixture->preview_height = height;
}

static void
on_state_changed_cb (PdCamera *camera,
                     Fixture  *fixture)
{
  PdCameraState state = pd_camera_get_state (camera);

  g_array_append_val (fixture->states, state);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_tmpdir ("pd-camera-XXXXXX");
  fixture->camera = pd_camera_new ();
  fixture->codes = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (PdCameraState));

  g_signal_connect (fixture->camera, "code-found", G_CALLBACK (on_code_found_cb), fixture);
  g_signal_connect (fixture->camera, "code-seen", G_CALLBACK (on_code_seen_cb), fixture);
  g_signal_connect (fixture->camera, "preview-frame", G_CALLBACK (on_preview_frame_cb), fixture);
  g_signal_connect (fixture->camera, "state-changed", G_CALLBACK (on_state_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->camera);
  g_clear_pointer (&fixture->codes, g_ptr_array_unref);
  g_clear_pointer (&fixture->states, g_array_unref);
  pd_test_rm_rf (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the camera reaches one of two states or the time is up. */
static gboolean
wait_for_state (Fixture       *fixture,
                PdCameraState  state,
                PdCameraState  other,
                guint          timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);

  while (!timed_out &&
         pd_camera_get_state (fixture->camera) != state &&
         pd_camera_get_state (fixture->camera) != other)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static char *
frames_pipeline (Fixture            *fixture,
                 const char * const *texts,
                 guint               frames_per_text)
{
  g_autofree char *location = pd_test_write_frames (fixture->dir, texts, frames_per_text,
                                                    FRAME_WIDTH, FRAME_HEIGHT);

  return g_strdup_printf ("multifilesrc location=\"%s\" index=0 caps=image/png,framerate=30/1 "
                          "! pngdec ! videoconvert", location);
}

static guint
count_codes (Fixture    *fixture,
             const char *text)
{
  guint n = 0;

  for (guint i = 0; i < fixture->codes->len; i++)
    if (g_strcmp0 (pd_code_get_text (g_ptr_array_index (fixture->codes, i)), text) == 0)
      n++;

  return n;
}

static void
test_each_code_reported_once (Fixture       *fixture,
                              gconstpointer  data)
{
  const char * const texts[] = { "", "PD-CAMERA-ALPHA", "", "PD-CAMERA-BRAVO",
                                 "PD-CAMERA-ALPHA", "123456789012345678", NULL };
  g_autofree char *pipeline = frames_pipeline (fixture, texts, 12);
  PdCode *code;
  guint n_corners;

  pd_camera_set_pipeline (fixture->camera, pipeline);
  pd_camera_start (fixture->camera);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_STOPPED, PD_CAMERA_STATE_ERROR, 20000));
  g_assert_null (pd_camera_get_error_message (fixture->camera));

  /* ALPHA comes back within the dedupe interval: still one report. */
  g_assert_cmpuint (count_codes (fixture, "PD-CAMERA-ALPHA"), ==, 1);
  g_assert_cmpuint (count_codes (fixture, "PD-CAMERA-BRAVO"), ==, 1);
  g_assert_cmpuint (count_codes (fixture, "123456789012345678"), ==, 1);
  g_assert_cmpuint (fixture->codes->len, ==, 3);
  /* Repeated sightings still reach the preview outline. */
  g_assert_cmpuint (fixture->n_seen, >, fixture->codes->len);

  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, "PD-CAMERA-ALPHA");
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_CAMERA);
  g_assert_nonnull (pd_code_get_corners (code, &n_corners));
  g_assert_cmpuint (n_corners, ==, 4);
  for (guint i = 0; i < n_corners; i++)
    {
      g_assert_cmpfloat (pd_code_get_corners (code, &n_corners)[i].x, <=, FRAME_WIDTH);
      g_assert_cmpfloat (pd_code_get_corners (code, &n_corners)[i].y, <=, FRAME_HEIGHT);
    }

  g_assert_cmpuint (fixture->n_previews, >, 0);
  g_assert_cmpint (fixture->preview_width, ==, FRAME_WIDTH);
  g_assert_cmpint (fixture->preview_height, ==, FRAME_HEIGHT);
  g_assert_cmpuint (pd_camera_get_frames_received (fixture->camera), ==, 6 * 12);

  /* STARTING, then LOOKING with the first frame, FOUND with a code, STOPPED at the end. */
  g_assert_cmpint (g_array_index (fixture->states, PdCameraState, 0), ==, PD_CAMERA_STATE_STARTING);
  g_assert_cmpint (g_array_index (fixture->states, PdCameraState, 1), ==, PD_CAMERA_STATE_LOOKING);
  g_assert_cmpint (g_array_index (fixture->states, PdCameraState, 2), ==, PD_CAMERA_STATE_FOUND);
}

static void
test_code_reported_again_after_dedupe_interval (Fixture       *fixture,
                                                gconstpointer  data)
{
  /* 30 frames without the code at 30 fps is one second: longer than the interval. */
  const char * const texts[] = { "PD-CAMERA-AGAIN", "", "PD-CAMERA-AGAIN", NULL };
  g_autofree char *pipeline = frames_pipeline (fixture, texts, 30);

  pd_camera_set_dedupe_seconds (fixture->camera, 0);
  pd_camera_set_pipeline (fixture->camera, pipeline);
  pd_camera_start (fixture->camera);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_STOPPED, PD_CAMERA_STATE_ERROR, 20000));

  /* With no interval every decoded frame with the code reports it. */
  g_assert_cmpuint (count_codes (fixture, "PD-CAMERA-AGAIN"), >, 2);
}

static void
test_slow_decoder_drops_frames (Fixture       *fixture,
                                gconstpointer  data)
{
  const char * const texts[] = { "PD-CAMERA-SLOW", NULL };
  g_autofree char *pipeline = frames_pipeline (fixture, texts, 45);
  guint64 received, decoded, dropped;

  pd_camera_set_decode_delay_ms (fixture->camera, 200);
  pd_camera_set_pipeline (fixture->camera, pipeline);
  pd_camera_start (fixture->camera);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_STOPPED, PD_CAMERA_STATE_ERROR, 20000));

  received = pd_camera_get_frames_received (fixture->camera);
  decoded = pd_camera_get_frames_decoded (fixture->camera);
  dropped = pd_camera_get_frames_dropped (fixture->camera);
  g_test_message ("received %" G_GUINT64_FORMAT ", decoded %" G_GUINT64_FORMAT
                  ", dropped %" G_GUINT64_FORMAT ", previews %u",
                  received, decoded, dropped, fixture->n_previews);

  g_assert_cmpuint (received, ==, 45);
  g_assert_cmpuint (dropped, >, 0);
  /* At 30 fps and 200 ms per decode, 1.5 s of video leaves time for about 8 decodes. */
  g_assert_cmpuint (decoded, <=, 12);
  g_assert_cmpuint (pd_camera_get_max_pending (fixture->camera), ==, 1);
  /* Every frame is either decoded, dropped or was still pending when the stream ended. */
  g_assert_cmpuint (decoded + dropped, >=, received - 1);
  /* The preview kept up with the camera while the decoder was slow. */
  g_assert_cmpuint (fixture->n_previews, >=, received / 2);
  g_assert_cmpuint (count_codes (fixture, "PD-CAMERA-SLOW"), ==, 1);
}

static void
test_bad_element_is_an_error (Fixture       *fixture,
                              gconstpointer  data)
{
  pd_camera_set_pipeline (fixture->camera, "pdnosuchelement ! videoconvert");
  pd_camera_start (fixture->camera);

  g_assert_cmpint (pd_camera_get_state (fixture->camera), ==, PD_CAMERA_STATE_ERROR);
  g_assert_nonnull (g_strstr_len (pd_camera_get_error_message (fixture->camera), -1,
                                  "pdnosuchelement"));
  g_assert_cmpuint (fixture->codes->len, ==, 0);

  pd_camera_stop (fixture->camera);
  g_assert_cmpint (pd_camera_get_state (fixture->camera), ==, PD_CAMERA_STATE_STOPPED);
  g_assert_null (pd_camera_get_error_message (fixture->camera));
}

static void
test_failing_stream_is_an_error (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing-%03d.png", NULL);
  g_autofree char *pipeline =
    g_strdup_printf ("multifilesrc location=\"%s\" caps=image/png,framerate=30/1 ! pngdec ! "
                     "videoconvert", missing);

  /* multifilesrc posts a read error for a file that is not there, as a camera does when it
   * goes away during streaming. */
  pd_camera_set_pipeline (fixture->camera, pipeline);
  pd_camera_start (fixture->camera);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_ERROR, PD_CAMERA_STATE_NO_CAMERA, 5000));
  g_assert_nonnull (pd_camera_get_error_message (fixture->camera));
  g_assert_cmpstr (pd_camera_get_error_message (fixture->camera), !=, "");
}

static void
test_missing_device_is_retried (Fixture       *fixture,
                                gconstpointer  data)
{
  guint n_states;

  pd_camera_set_device (fixture->camera, "/dev/pd-no-such-camera");
  pd_camera_start (fixture->camera);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_NO_CAMERA, PD_CAMERA_STATE_ERROR, 5000));
  g_assert_cmpint (pd_camera_get_state (fixture->camera), ==, PD_CAMERA_STATE_NO_CAMERA);
  g_assert_nonnull (pd_camera_get_error_message (fixture->camera));

  /* The retry timer starts the pipeline again, so a camera plugged back in is picked up. */
  n_states = fixture->states->len;
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_STARTING, PD_CAMERA_STATE_STARTING,
                                 10000));
  g_assert_cmpuint (fixture->states->len, >, n_states);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_NO_CAMERA, PD_CAMERA_STATE_NO_CAMERA,
                                 5000));

  pd_camera_stop (fixture->camera);
  g_assert_cmpint (pd_camera_get_state (fixture->camera), ==, PD_CAMERA_STATE_STOPPED);
}

static void
test_pause_releases_camera (Fixture       *fixture,
                            gconstpointer  data)
{
  pd_camera_set_pipeline (fixture->camera, "videotestsrc is-live=true ! "
                                           "video/x-raw,width=320,height=240,framerate=30/1");
  pd_camera_start (fixture->camera);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_LOOKING, PD_CAMERA_STATE_LOOKING, 5000));

  pd_camera_set_paused (fixture->camera, TRUE);
  g_assert_cmpint (pd_camera_get_state (fixture->camera), ==, PD_CAMERA_STATE_STOPPED);
  fixture->n_previews = 0;
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->n_previews, ==, 0);

  pd_camera_set_paused (fixture->camera, FALSE);
  g_assert_true (wait_for_state (fixture, PD_CAMERA_STATE_LOOKING, PD_CAMERA_STATE_LOOKING, 5000));
  g_assert_cmpuint (fixture->n_previews, >, 0);
  g_assert_cmpint (fixture->preview_width, ==, 320);
}

static void
test_lists_devices (void)
{
  g_autoptr(GListModel) devices = pd_camera_list_devices ();

  g_assert_true (g_list_model_get_item_type (devices) == PD_TYPE_CAMERA_DEVICE);
  g_test_message ("%u cameras present", g_list_model_get_n_items (devices));
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(PdCameraDevice) device = g_list_model_get_item (devices, i);

      g_assert_cmpstr (pd_camera_device_get_display_name (device), !=, "");
      g_assert_true (g_str_has_prefix (pd_camera_device_get_path (device), "/"));
    }
}

static void
on_devices_changed_cb (gpointer data)
{
  (*(guint *) data)++;
}

static gboolean
lists_path (const char *path)
{
  g_autoptr(GListModel) devices = pd_camera_list_devices ();

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(PdCameraDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (pd_camera_device_get_path (device), path) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
on_too_late_cb (gpointer data)
{
  g_error ("the camera watch was not told");
  return G_SOURCE_REMOVE;
}

static void
wait_for_changes (guint *changes,
                  guint  n)
{
  guint timeout = g_timeout_add_seconds (10, on_too_late_cb, NULL);

  while (*changes < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* A camera plugged in while watched is announced and then listed; unplugged, it goes. */
static void
test_watch_follows_plugging (void)
{
  g_autoptr(PdCameraDeviceWatch) watch = NULL;
  guint changes = 0;
  GstDevice *device;

  pd_fake_cameras_register ();
  watch = pd_camera_device_watch_new (G_CALLBACK (on_devices_changed_cb), &changes);
  g_assert_false (lists_path ("/dev/pd-test-camera0"));
  /* Listing, as starting a camera does, must not silence the watch. */
  g_assert_false (lists_path ("/dev/pd-test-camera0"));

  device = pd_fake_cameras_plug ("PermitDesk Test Camera", "/dev/pd-test-camera0");
  wait_for_changes (&changes, 1);
  g_assert_true (lists_path ("/dev/pd-test-camera0"));

  pd_fake_cameras_unplug (device);
  wait_for_changes (&changes, 2);
  g_assert_false (lists_path ("/dev/pd-test-camera0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_unsetenv ("PERMITDESK_CAMERA_PIPELINE");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/camera/each-code-reported-once", test_each_code_reported_once);
  ADD ("/camera/code-reported-again-after-dedupe-interval",
       test_code_reported_again_after_dedupe_interval);
  ADD ("/camera/slow-decoder-drops-frames-instead-of-queueing", test_slow_decoder_drops_frames);
  ADD ("/camera/bad-element-is-an-error", test_bad_element_is_an_error);
  ADD ("/camera/failing-stream-is-an-error", test_failing_stream_is_an_error);
  ADD ("/camera/missing-device-is-no-camera-and-retried", test_missing_device_is_retried);
  ADD ("/camera/pause-releases-camera", test_pause_releases_camera);
#undef ADD
  g_test_add_func ("/camera/lists-devices", test_lists_devices);
  g_test_add_func ("/camera/watch-follows-plugging", test_watch_follows_plugging);

  return g_test_run ();
}
