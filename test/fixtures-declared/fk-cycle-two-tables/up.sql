-- schemakit migration: 4 statements
-- hazards: none

CREATE TABLE public.departments (
  id integer NOT NULL,
  manager_id integer,
  CONSTRAINT departments_pkey PRIMARY KEY (id)
);

CREATE TABLE public.employees (
  id integer NOT NULL,
  department_id integer NOT NULL,
  CONSTRAINT employees_pkey PRIMARY KEY (id)
);

ALTER TABLE public.departments ADD CONSTRAINT departments_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES public.employees (id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE public.employees ADD CONSTRAINT employees_department_id_fkey FOREIGN KEY (department_id) REFERENCES public.departments (id);
