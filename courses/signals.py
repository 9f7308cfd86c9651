"""What the courses app tells the rest of the platform."""

from django.dispatch import Signal

# Sent once per person and course, with `user`, `course` and `enrolment`, when the course
# is completed (the growth path awards points and checks promotion).
course_completed = Signal()
# Sent with `user`, `course` and `lesson` when a person opens a lesson (each time: a receiver
# that wants it once keys on the lesson).
lesson_opened = Signal()
# Sent once per person and lesson, with `user`, `course` and `lesson`, when it is done.
lesson_completed = Signal()
# Sent with `user`, `course`, `lesson` and `attempt` (a QuizAttempt) when an attempt is graded.
quiz_attempted = Signal()
